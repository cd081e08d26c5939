namespace Sweeps.Recsys.Data;

/// <summary>
/// Leave-one-out split of docs/models.md, Data and split: per user the last item is the test target, the second last the
/// validation target, the rest is training data. Users with fewer than <see cref="MinEvaluatedLength"/>
/// interactions keep everything in training and are never evaluated. The split is a view over the
/// dataset's storage: nothing is copied, and the window fillers write into caller-owned buffers so a
/// trainer can build batches without allocating.
/// Windows are left-padded with <see cref="ItemIds.Padding"/>; the most recent item sits in the last slot.
/// </summary>
public sealed class LeaveOneOutSplit
{
    public const int MinEvaluatedLength = 3;

    private readonly InteractionDataset _dataset;
    private readonly int[] _trainableUsers;
    private readonly int[] _evaluatedUsers;

    private LeaveOneOutSplit(InteractionDataset dataset)
    {
        _dataset = dataset;
        var trainable = new List<int>();
        var evaluated = new List<int>();
        for (var user = 0; user < dataset.UserCount; user++)
        {
            if (TrainLength(user) > 1)
                trainable.Add(user);
            if (IsEvaluated(user))
                evaluated.Add(user);
        }
        _trainableUsers = trainable.ToArray();
        _evaluatedUsers = evaluated.ToArray();
    }

    public static LeaveOneOutSplit Create(InteractionDataset dataset) => new(dataset);

    public InteractionDataset Dataset => _dataset;

    /// <summary>Item ids run 1..ItemCount; a score vector needs ItemCount+1 entries with 0 = padding.</summary>
    public int ItemCount => _dataset.ItemCount;

    public int UserCount => _dataset.UserCount;

    /// <summary>Users with at least two training items, i.e. at least one (input, target) pair; ascending.</summary>
    public IReadOnlyList<int> TrainableUsers => _trainableUsers;

    /// <summary>Users with a validation and a test item; ascending.</summary>
    public IReadOnlyList<int> EvaluatedUsers => _evaluatedUsers;

    public bool IsEvaluated(int user) => _dataset.SequenceLength(user) >= MinEvaluatedLength;

    public ReadOnlySpan<int> Train(int user) => _dataset.Sequence(user)[..TrainLength(user)];

    /// <summary>Input = the last n items of train[:-1], target[t] = the item that follows input[t];
    /// n = input.Length, padding slots are 0 in both. The last training item therefore appears only as a target.</summary>
    public void FillTrainingWindow(int user, Span<long> input, Span<long> target)
    {
        if (input.Length != target.Length)
            throw new ArgumentException("input and target windows must have the same length", nameof(target));
        var train = Train(user);
        if (train.Length < 2)
            throw new ArgumentException($"user {user} has fewer than two training items; use TrainableUsers", nameof(user));
        FillLeftPadded(train[..^1], input);
        FillLeftPadded(train[1..], target);
    }

    /// <summary>Items before the held-out one at this stage (the evaluation window holds the last n of them).</summary>
    public int EvalHistoryLength(int user, EvalStage stage) =>
        _dataset.SequenceLength(user) - (stage == EvalStage.Test ? 1 : 2);

    /// <summary>Fills the evaluation input (the last n = input.Length items before the target) and returns the target item.</summary>
    public long FillEvalWindow(int user, EvalStage stage, Span<long> input)
    {
        if (!IsEvaluated(user))
            throw new ArgumentException($"user {user} has fewer than {MinEvaluatedLength} interactions and is not evaluated; use EvaluatedUsers", nameof(user));
        var sequence = _dataset.Sequence(user);
        var targetIndex = stage == EvalStage.Test ? sequence.Length - 1 : sequence.Length - 2;
        FillLeftPadded(sequence[..targetIndex], input);
        return sequence[targetIndex];
    }

    private int TrainLength(int user)
    {
        var length = _dataset.SequenceLength(user);
        return length >= MinEvaluatedLength ? length - 2 : length;
    }

    private static void FillLeftPadded(ReadOnlySpan<int> source, Span<long> destination)
    {
        var count = Math.Min(source.Length, destination.Length);
        destination[..^count].Fill(ItemIds.Padding);
        var tail = source[^count..];
        var slots = destination[^count..];
        for (var i = 0; i < count; i++)
            slots[i] = tail[i];
    }
}
