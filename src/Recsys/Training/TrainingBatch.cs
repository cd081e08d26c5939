using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Training;

/// <summary>The managed side of one step: left-padded input windows (B × n) and, for the loss, the
/// flat indices of the non-padding target slots with their items. Only those slots are scored —
/// about a tenth of all slots on the Amazon datasets. Buffers are reused across steps.</summary>
public sealed class TrainingBatch(LeaveOneOutSplit split, int batch, int maxLen)
{
    private readonly long[] _input = new long[batch * maxLen];
    private readonly long[] _target = new long[batch * maxLen];
    private readonly List<long> _positions = new(batch * maxLen);
    private readonly List<long> _targets = new(batch * maxLen);

    public int Rows { get; private set; }
    public long[] Input => _input;
    public int TargetCount => _positions.Count;
    public long[] Positions => [.. _positions];
    public long[] Targets => [.. _targets];
    public int MaxLen => maxLen;

    public void Fill(int[] users)
    {
        Rows = users.Length;
        _positions.Clear();
        _targets.Clear();
        for (var b = 0; b < users.Length; b++)
        {
            split.FillTrainingWindow(users[b], _input.AsSpan(b * maxLen, maxLen), _target.AsSpan(b * maxLen, maxLen));
            for (var t = b * maxLen; t < (b + 1) * maxLen; t++)
            {
                if (_target[t] == ItemIds.Padding) continue;
                _positions.Add(t);
                _targets.Add(_target[t]);
            }
        }
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
            while (i < negatives.Length && _positions[i] < (b + 1) * maxLen)
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
