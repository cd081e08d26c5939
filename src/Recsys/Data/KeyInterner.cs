namespace Sweeps.Recsys.Data;

/// <summary>Turns string keys (Amazon asin, Yelp business_id) into ids 1, 2, … in order of first appearance.</summary>
public sealed class KeyInterner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public int Count => _ids.Count;

    public int Intern(string key)
    {
        if (!_ids.TryGetValue(key, out var id))
        {
            id = _ids.Count + 1;
            _ids.Add(key, id);
        }
        return id;
    }
}
