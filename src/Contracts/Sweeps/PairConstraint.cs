using Sweeps.Contracts.Jobs;

namespace Sweeps.Contracts.Sweeps;

/// <summary>A rule two options of one config must satisfy together; checked for every pair of values
/// a cell can combine, before anything is expanded.</summary>
internal sealed record PairConstraint(
    string Left,
    string Right,
    Func<HyperValue, HyperValue, bool> Holds,
    Func<HyperValue, HyperValue, string> Describe)
{
    public static IReadOnlyList<PairConstraint> All { get; } =
    [
        // R1, R2 ∈ R^{n×k}: a rank above n adds parameters and nothing else.
        new("k", "maxlen", (k, n) => k.AsInt64() <= n.AsInt64(), (k, n) => $"k = {k} is larger than maxlen = {n}"),
        new("heads", "hidden", (h, d) => d.AsInt64() % h.AsInt64() == 0, (h, d) => $"heads = {h} does not divide hidden = {d}"),
    ];
}
