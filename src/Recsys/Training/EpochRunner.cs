using Sweeps.Contracts.Failures;
using Sweeps.Recsys.Data;
using Sweeps.Recsys.Models;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Training;

/// <summary>The optimisation steps of training: batches of users → windows → H → loss over the
/// non-padding targets → Adam. Shared by the trainer and the training benchmark.
///
/// A step's batch is cut into <see cref="TrainingOptions.StepShards"/> shards of users
/// (<see cref="ShardPlan"/>), each run forward and backward on its own and weighted by its share of
/// the batch's target slots, so the gradient is the batch's. When the model allows it, each shard's
/// windows are cut to its longest history, and the shards group users of similar length. On CPU
/// the shards run side by side, one core each: a step is a few hundred small operations on a
/// (B, n, d) batch, and libtorch spreads each one across cores with a fork and a join that cost
/// about as much as the work. A shard's numbers do not depend on which core ran it or on what the
/// other shards did.</summary>
public sealed class EpochRunner : IDisposable
{
    private readonly SequentialRecommender _model;
    private readonly TrainingOptions _options;
    private readonly Device _device;
    private readonly UserSampler _sampler;
    private readonly TrainingBatch[] _shards;
    private readonly NextItemLoss _loss;
    private readonly bool _trim;
    private readonly nn.Parameter[] _parameters;

    public EpochRunner(SequentialRecommender model, LeaveOneOutSplit split, TrainingOptions options, Device device)
    {
        _model = model;
        _options = options;
        _device = device;
        model.to(device);
        model.train();
        _parameters = model.parameters().ToArray();
        Optimizer = new optim.Adam(_parameters, options.LearningRate, 0.9, 0.98, 1e-8, options.WeightDecay);
        _sampler = new UserSampler(split.TrainableUsers, options.Batch, options.Sampler != "permutation");
        _shards = Enumerable.Range(0, options.StepShards)
            .Select(_ => new TrainingBatch(split, options.Batch, model.Options.MaxLen)).ToArray();
        _trim = model.AcceptsTrimmedWindows;
        _loss = new NextItemLoss(options);
    }

    public optim.Adam Optimizer { get; }

    public int StepsPerEpoch => _sampler.StepsPerEpoch;

    /// <summary>Target slots scored so far (for FLOP accounting).</summary>
    public long ScoredTargets { get; private set; }

    /// <summary>One epoch, reseeded from (seed, epoch); returns the mean loss of its steps.</summary>
    public double RunEpoch(int epoch, CancellationToken cancellationToken, int? maxSteps = null)
    {
        var epochSeed = EpochSeed.For(_options.Seed, epoch);
        manual_seed(epochSeed);
        var negativeRandom = new Random(EpochSeed.For(_options.Seed, -epoch));
        double total = 0;
        var steps = 0;
        foreach (var users in _sampler.Epoch(_options.Seed, epoch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (steps == maxSteps) break;
            var loss = Step(users, negativeRandom, EpochSeed.For(epochSeed, steps));
            if (!double.IsFinite(loss)) throw new NonFiniteLossException(epoch, loss);
            total += loss;
            steps++;
        }
        return steps == 0 ? double.NaN : total / steps;
    }

    private double Step(int[] users, Random negativeRandom, int stepSeed)
    {
        var parts = ShardPlan.Cut(users, _shards.Length, _trim ? _shards[0].WindowLength : null);
        var negatives = new long[parts.Length][];
        var targets = 0;
        for (var s = 0; s < parts.Length; s++)
        {
            _shards[s].Fill(parts[s], _trim);
            targets += _shards[s].TargetCount;
            if (_loss.NeedsNegatives) negatives[s] = _shards[s].SampleNegatives(parts[s], negativeRandom);
        }
        if (targets == 0) return 0;
        ScoredTargets += targets;
        Optimizer.zero_grad();
        var losses = new double[parts.Length];
        var gradients = new Tensor?[parts.Length][];
        parallel_tasks(parts.Length, _device.Type == DeviceType.CPU ? get_num_threads() : 1,
            s => (losses[s], gradients[s]) = ShardForwardBackward(_shards[s], negatives[s], targets, EpochSeed.For(stepSeed, s)));
        AccumulateInShardOrder(gradients);
        Optimizer.step();
        return losses.Sum();
    }

    /// <summary>This shard's loss and gradient, weighted by its share of the step's targets. The
    /// gradient is returned rather than accumulated by backward: shards end in any order, and
    /// float sums of three or more in varying order would differ in their last bits.</summary>
    private (double Loss, Tensor?[] Gradients) ShardForwardBackward(TrainingBatch shard, long[]? negatives, int stepTargets, int seed)
    {
        if (shard.TargetCount == 0) return (0, []);
        using var scope = NewDisposeScope();
        manual_seed_thread(seed);
        var items = tensor(shard.Input[..(shard.Rows * shard.Length)], shard.Rows, shard.Length).to(_device);
        var positions = tensor(shard.Positions).to(_device);
        var targets = tensor(shard.Targets).to(_device);
        var negativeItems = negatives is null ? null : tensor(negatives).to(_device);
        var value = _loss.Compute(_model, _model.call(items), positions, targets, negativeItems)
                    * ((double)shard.TargetCount / stepTargets);
        var gradients = autograd.grad(value, _parameters);
        foreach (var gradient in gradients) gradient?.DetachFromDisposeScope();
        return (value.item<double>(), gradients);
    }

    private void AccumulateInShardOrder(Tensor?[][] gradients)
    {
        foreach (var shard in gradients)
            for (var i = 0; i < shard.Length; i++)
            {
                if (shard[i] is not { } gradient) continue;
                _parameters[i].accumulate_grad_(gradient);
                gradient.Dispose();
            }
    }

    public void Dispose() => Optimizer.Dispose();
}
