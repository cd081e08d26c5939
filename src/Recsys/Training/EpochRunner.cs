using Sweeps.Contracts.Queue;
using Sweeps.Recsys.Data;
using Sweeps.Recsys.Models;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Training;

/// <summary>The optimisation steps of training: batches of users → windows → H → loss over the
/// non-padding targets → Adam. Shared by the trainer and the training benchmark.</summary>
public sealed class EpochRunner : IDisposable
{
    private readonly SequentialRecommender _model;
    private readonly TrainingOptions _options;
    private readonly Device _device;
    private readonly UserSampler _sampler;
    private readonly TrainingBatch _batch;
    private readonly NextItemLoss _loss;

    public EpochRunner(SequentialRecommender model, LeaveOneOutSplit split, TrainingOptions options, Device device)
    {
        _model = model;
        _options = options;
        _device = device;
        model.to(device);
        model.train();
        Optimizer = new optim.Adam(model.parameters(), options.LearningRate, 0.9, 0.98, 1e-8, options.WeightDecay);
        _sampler = new UserSampler(split.TrainableUsers, options.Batch, options.Sampler != "permutation");
        _batch = new TrainingBatch(split, options.Batch, model.Options.MaxLen);
        _loss = new NextItemLoss(options);
    }

    public optim.Adam Optimizer { get; }

    public int StepsPerEpoch => _sampler.StepsPerEpoch;

    /// <summary>Target slots scored so far (for FLOP accounting).</summary>
    public long ScoredTargets { get; private set; }

    /// <summary>One epoch, reseeded from (seed, epoch); returns the mean loss of its steps.</summary>
    public double RunEpoch(int epoch, CancellationToken cancellationToken, int? maxSteps = null)
    {
        manual_seed(EpochSeed.For(_options.Seed, epoch));
        var negativeRandom = new Random(EpochSeed.For(_options.Seed, -epoch));
        double total = 0;
        var steps = 0;
        foreach (var users in _sampler.Epoch(_options.Seed, epoch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (steps == maxSteps) break;
            var loss = Step(users, negativeRandom);
            if (!double.IsFinite(loss)) throw new NonFiniteLossException(epoch, loss);
            total += loss;
            steps++;
        }
        return steps == 0 ? double.NaN : total / steps;
    }

    private double Step(int[] users, Random negativeRandom)
    {
        _batch.Fill(users);
        if (_batch.TargetCount == 0) return 0;
        ScoredTargets += _batch.TargetCount;
        using var scope = NewDisposeScope();
        var items = tensor(_batch.Input[..(users.Length * _batch.MaxLen)], users.Length, _batch.MaxLen).to(_device);
        var positions = tensor(_batch.Positions).to(_device);
        var targets = tensor(_batch.Targets).to(_device);
        var negatives = _loss.NeedsNegatives ? tensor(_batch.SampleNegatives(users, negativeRandom)).to(_device) : null;
        Optimizer.zero_grad();
        var value = _loss.Compute(_model, _model.call(items), positions, targets, negatives);
        value.backward();
        Optimizer.step();
        return value.item<double>();
    }

    public void Dispose() => Optimizer.Dispose();
}
