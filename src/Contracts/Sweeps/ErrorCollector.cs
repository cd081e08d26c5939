using Sweeps.Contracts.Yaml;

namespace Sweeps.Contracts.Sweeps;

/// <summary>Accumulates the errors of one sweep file in file order; duplicates (the same message at
/// the same place, e.g. one bad value seen from two cells) are reported once.</summary>
internal sealed class ErrorCollector(string file)
{
    private readonly List<SweepError> _errors = [];
    private readonly HashSet<SweepError> _seen = [];

    public string File => file;
    public bool HasErrors => _errors.Count > 0;

    public void Add(SourceMark mark, string message)
    {
        var error = new SweepError(file, mark, message);
        if (_seen.Add(error)) _errors.Add(error);
    }

    public IReadOnlyList<SweepError> Sorted() =>
        _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
}
