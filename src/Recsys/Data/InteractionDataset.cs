namespace Sweeps.Recsys.Data;

/// <summary>
/// Users and their chronological item sequences. Users are indexed 0..UserCount-1; item ids are
/// 1..ItemCount with 0 reserved for padding, so an id can index an embedding table directly.
/// All sequences live in one array (<see cref="Items"/>), user u owning
/// <c>Items[Offsets[u]..Offsets[u+1]]</c>: one allocation instead of one per user, which keeps
/// large datasets cheap to hold, cache and scan.
/// </summary>
public sealed class InteractionDataset
{
    private readonly int[] _offsets;
    private readonly int[] _items;

    /// <param name="offsets">UserCount+1 non-decreasing positions into <paramref name="items"/>, starting at 0 and ending at items.Length.</param>
    /// <param name="items">All sequences back to back; every id in 1..<paramref name="itemCount"/>.</param>
    /// <param name="itemCount">Size of the id space (the largest id that may occur), not the number of distinct ids.</param>
    public InteractionDataset(int[] offsets, int[] items, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(items);
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != items.Length)
            throw new DatasetException("inconsistent dataset: offsets must start at 0 and end at the number of interactions");
        for (var u = 1; u < offsets.Length; u++)
            if (offsets[u] < offsets[u - 1])
                throw new DatasetException($"inconsistent dataset: offsets decrease at user {u - 1}");
        foreach (var item in items)
            if (item < 1 || item > itemCount)
                throw new DatasetException($"inconsistent dataset: item id {item} outside 1..{itemCount}");
        _offsets = offsets;
        _items = items;
        ItemCount = itemCount;
    }

    public int UserCount => _offsets.Length - 1;

    public int ItemCount { get; }

    public int InteractionCount => _items.Length;

    public ReadOnlySpan<int> Offsets => _offsets;

    public ReadOnlySpan<int> Items => _items;

    public ReadOnlySpan<int> Sequence(int user) => _items.AsSpan(_offsets[user], _offsets[user + 1] - _offsets[user]);

    public int SequenceLength(int user) => _offsets[user + 1] - _offsets[user];

    /// <summary>Builds a dataset from one array per user; convenient for tests and small data.</summary>
    public static InteractionDataset FromSequences(IReadOnlyList<IReadOnlyList<int>> sequences, int? itemCount = null)
    {
        var offsets = new int[sequences.Count + 1];
        for (var u = 0; u < sequences.Count; u++)
            offsets[u + 1] = offsets[u] + sequences[u].Count;
        var items = new int[offsets[^1]];
        for (var u = 0; u < sequences.Count; u++)
            for (var i = 0; i < sequences[u].Count; i++)
                items[offsets[u] + i] = sequences[u][i];
        return new InteractionDataset(offsets, items, itemCount ?? (items.Length == 0 ? 0 : items.Max()));
    }

    public bool ContentEquals(InteractionDataset other) =>
        ItemCount == other.ItemCount && Offsets.SequenceEqual(other.Offsets) && Items.SequenceEqual(other.Items);
}
