namespace Sweeps.Recsys.Data;

/// <summary>
/// Collects interactions in file order and groups them by user, users ordered by first appearance.
/// Raw exports (MovieLens, Amazon, Yelp) are not grouped or sorted per user, so the builder sorts
/// each user's events by timestamp; the sort is stable (ties keep file order) because equal
/// timestamps are common at one-second or one-day resolution and file order is the only tiebreak
/// the source gives.
/// </summary>
public sealed class InteractionLogBuilder<TUser> where TUser : notnull
{
    private readonly Dictionary<TUser, int> _userIndex = new();
    private readonly List<List<(long Timestamp, int Item)>> _events = [];
    private int _maxItem;

    public void Add(TUser user, int item, long timestamp = 0)
    {
        if (!_userIndex.TryGetValue(user, out var index))
        {
            index = _events.Count;
            _userIndex.Add(user, index);
            _events.Add([]);
        }
        _events[index].Add((timestamp, item));
        _maxItem = Math.Max(_maxItem, item);
    }

    /// <param name="sortByTimestamp">False for layouts whose file order already is the time order.</param>
    public InteractionDataset Build(bool sortByTimestamp)
    {
        var offsets = new int[_events.Count + 1];
        for (var u = 0; u < _events.Count; u++)
            offsets[u + 1] = offsets[u] + _events[u].Count;
        var items = new int[offsets[^1]];
        for (var u = 0; u < _events.Count; u++)
        {
            var events = _events[u];
            IEnumerable<(long Timestamp, int Item)> ordered = sortByTimestamp ? events.OrderBy(e => e.Timestamp) : events;
            var position = offsets[u];
            foreach (var (_, item) in ordered)
                items[position++] = item;
        }
        return new InteractionDataset(offsets, items, _maxItem);
    }
}
