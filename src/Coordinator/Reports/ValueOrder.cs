using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Coordinator.Reports;

/// <summary>Hyperparameter values in the order a reader expects: numbers by value (5, 10, 20 rather than
/// 10, 20, 5), then booleans, then strings by ordinal.</summary>
public sealed class ValueOrder : IComparer<ImmutableSortedDictionary<string, HyperValue>>
{
    public static ValueOrder Instance { get; } = new();
    public static IComparer<HyperValue> Values { get; } = Comparer<HyperValue>.Create(Compare);

    public int Compare(ImmutableSortedDictionary<string, HyperValue>? x, ImmutableSortedDictionary<string, HyperValue>? y)
    {
        x ??= ImmutableSortedDictionary<string, HyperValue>.Empty;
        y ??= ImmutableSortedDictionary<string, HyperValue>.Empty;
        foreach (var key in x.Keys.Union(y.Keys).Order(StringComparer.Ordinal))
        {
            var c = Compare(x.GetValueOrDefault(key), y.GetValueOrDefault(key));
            if (c != 0) return c;
        }
        return 0;
    }

    public static int Compare(HyperValue a, HyperValue b)
    {
        var (ka, kb) = (Kind(a), Kind(b));
        if (ka != kb) return ka.CompareTo(kb);
        return ka switch
        {
            0 => a.AsDouble().CompareTo(b.AsDouble()),
            1 => a.AsBoolean().CompareTo(b.AsBoolean()),
            2 => string.CompareOrdinal(a.AsString(), b.AsString()),
            _ => 0,
        };
    }

    private static int Kind(HyperValue v) => v.IsInteger || v.IsReal ? 0 : v.IsBoolean ? 1 : v.IsString ? 2 : 3;
}
