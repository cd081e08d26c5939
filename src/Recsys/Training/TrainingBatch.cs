using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Training;

/// <summary>The managed side of one step: left-padded input windows (B × L) and, for the loss, the
/// flat indices of the non-padding target slots with their items. Only those slots are scored —
/// about a tenth of all slots on the Amazon datasets. With <c>trim</c>, L is the longest history of
/// the batch instead of n: the windows keep their last L slots, which hold every real item. Buffers
/// are reused across steps.</summary>
public sealed class TrainingBatch(LeaveOneOutSplit split, int batch, int maxLen)
{
    private readonly long[] _input = new long[batch * maxLen];
    private readonly long[] _target = new long[batch * maxLen];
    private readonly List<long> _positions = new(batch * maxLen);
    private readonly List<long> _targets = new(batch * maxLen);

    public int Rows { get; private set; }
    /// <summary>Slots per row of <see cref="Input"/>: n, or the longest history when trimmed.</summary>
    public int Length { get; private set; }
    /// <summary>Rows × Length slots, row-major (the buffer may be longer).</summary>
    public long[] Input => _input;
    public int TargetCount => _positions.Count;
    public long[] Positions => [.. _positions];
    public long[] Targets => [.. _targets];

    /// <summary>Input slots a user's training window fills (its history, at most n).</summary>
    public int WindowLength(int user) => Math.Min(split.Train(user).Length - 1, maxLen);

    public void Fill(int[] users, bool trim = false)
    {
        if (users.Length > batch) throw new ArgumentException($"{users.Length} users exceed the batch of {batch}", nameof(users));
        Rows = users.Length;
        Length = trim ? Math.Max(1, users.Select(WindowLength).DefaultIfEmpty(0).Max()) : maxLen;
        _positions.Clear();
        _targets.Clear();
        var skipped = maxLen - Length;
        for (var b = 0; b < users.Length; b++)
        {
            split.FillTrainingWindow(users[b], _input.AsSpan(b * maxLen, maxLen), _target.AsSpan(b * maxLen, maxLen));
            for (var t = skipped; t < maxLen; t++)
            {
                if (_target[b * maxLen + t] == ItemIds.Padding) continue;
                _positions.Add(b * Length + t - skipped);
                _targets.Add(_target[b * maxLen + t]);
            }
        }
        // Rows move towards the front only, so copying them in order never overwrites a row not yet moved.
        if (skipped > 0)
            for (var b = 0; b < users.Length; b++)
                Array.Copy(_input, b * maxLen + skipped, _input, b * Length, Length);
    }

    /// <summary>One negative per target slot, uniform over items outside the user's training
    /// sequence (the author SASRec's sampler).</summary>
    public long[] SampleNegatives(int[] users, Random random)
    {
        var negatives = new long[_positions.Count];
        var seen = new HashSet<int>();
        var i = 0;
        for (var b = 0; b < users.Length; b++)
        {
            seen.Clear();
            foreach (var item in split.Train(users[b])) seen.Add(item);
            while (i < negatives.Length && _positions[i] < (b + 1) * Length)
            {
                int candidate;
                do candidate = 1 + random.Next(split.ItemCount);
                while (seen.Contains(candidate));
                negatives[i++] = candidate;
            }
        }
        return negatives;
    }
}
