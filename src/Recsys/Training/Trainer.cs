using System.Collections.Immutable;
using System.Diagnostics;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;
using Sweeps.Recsys.Data;
using Sweeps.Recsys.Evaluation;
using Sweeps.Recsys.Models;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Training;

/// <summary>Trains one model by the protocol of docs/models.md ("Backbone"): Adam (β2 0.98), CE over the catalogue
/// at non-padding targets, validation and test every <c>eval_every</c> epochs, the reported metrics
/// those of the best validation NDCG@10 (or the last evaluation), optional early stopping, and a
/// checkpoint at every evaluation from which a killed run resumes to the same result; asked to drain,
/// it also checkpoints the epoch it has just finished and stops.</summary>
public sealed class Trainer(SequentialRecommender model, LeaveOneOutSplit split, TrainingOptions options, Device device)
{
    /// <param name="drain">Stop at the end of the current epoch, after checkpointing it (throws
    /// <see cref="OperationCanceledException"/>); <paramref name="cancellationToken"/> stops at once.</param>
    public TrainingOutcome Run(string? checkpointDir, IProgress<JobProgress>? progress, CancellationToken cancellationToken,
        CancellationToken drain = default)
    {
        using var runner = new EpochRunner(model, split, options, device);
        var optimizer = runner.Optimizer;
        var state = Resume(checkpointDir, optimizer) ?? new TrainingCheckpoint(0, null, null, null, 0, 0, 0, []);
        var curve = state.Curve.ToBuilder();
        var evaluator = new FullRankingEvaluator(split, excludeHistory: options.ExcludeHistory);
        var evalUsers = EvaluationUsers();
        var trainSeconds = state.TrainSeconds;
        var evalSeconds = state.EvalSeconds;

        for (var epoch = state.Epoch + 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var meanLoss = runner.RunEpoch(epoch, cancellationToken);
            var epochSeconds = clock.Elapsed.TotalSeconds;
            trainSeconds += epochSeconds;

            if (epoch % options.EvalEvery != 0 && epoch != options.Epochs)
            {
                curve.Add(new EpochRecord(epoch, meanLoss, epochSeconds, null, null));
                progress?.Report(new JobProgress(epoch, options.Epochs, meanLoss, state.BestValid?["ndcg@10"]));
                if (drain.IsCancellationRequested)
                {
                    // Every epoch's randomness comes from its own seed, so resuming after this one is exact.
                    if (checkpointDir is not null)
                        SaveCheckpoint(checkpointDir, optimizer, state with { Epoch = epoch, TrainSeconds = trainSeconds, EvalSeconds = evalSeconds, Curve = curve.ToImmutable() });
                    drain.ThrowIfCancellationRequested();
                }
                continue;
            }

            clock.Restart();
            var valid = evaluator.Evaluate(model, EvalStage.Valid, evalUsers);
            var ranks = evaluator.Ranks(model, EvalStage.Test, evalUsers);
            var test = RankingMetrics.FromRanks(ranks);
            var testRanks = Array.ConvertAll(ranks, r => checked((int)r));
            evalSeconds += clock.Elapsed.TotalSeconds;
            curve.Add(new EpochRecord(epoch, meanLoss, epochSeconds, valid, test));
            var improved = state.BestValid is null || valid["ndcg@10"] > state.BestValid["ndcg@10"];
            state = improved || options.Select == "last"
                ? state with { BestEpoch = epoch, BestValid = valid, BestTest = test, BestTestRanks = testRanks, EvaluationsSinceBest = improved ? 0 : state.EvaluationsSinceBest + 1 }
                : state with { EvaluationsSinceBest = state.EvaluationsSinceBest + 1 };
            state = state with { Epoch = epoch, TrainSeconds = trainSeconds, EvalSeconds = evalSeconds, Curve = curve.ToImmutable() };
            if (checkpointDir is not null) SaveCheckpoint(checkpointDir, optimizer, state);
            progress?.Report(new JobProgress(epoch, options.Epochs, meanLoss, valid["ndcg@10"]));
            if (options.Patience > 0 && state.EvaluationsSinceBest >= options.Patience)
                return Outcome(state, stoppedEarly: true);
            if (epoch < options.Epochs) drain.ThrowIfCancellationRequested();
        }
        return Outcome(state with { Curve = curve.ToImmutable(), TrainSeconds = trainSeconds, EvalSeconds = evalSeconds }, stoppedEarly: false);
    }

    private IReadOnlyList<int> EvaluationUsers()
    {
        var all = split.EvaluatedUsers;
        if (all.Count == 0) throw new BadJobDataException("no user has the 3 interactions needed for validation and test");
        if (options.EvalUsers is not int n || n >= all.Count) return all;
        // Seeded and fixed for the whole run, unlike the reference code's redraw at every evaluation.
        var sample = all.ToArray();
        new Random(EpochSeed.For(options.Seed, int.MaxValue)).Shuffle(sample);
        return sample[..n].Order().ToArray();
    }

    /// <exception cref="UnreadableCheckpointException">The checkpoint is there but cannot be loaded.</exception>
    private TrainingCheckpoint? Resume(string? dir, optim.Adam optimizer)
    {
        if (dir is null) return null;
        try
        {
            if (TrainingCheckpoint.Load(dir) is not { } state) return null;
            model.load(TrainingCheckpoint.ModelFile(dir, state.Epoch));
            optimizer.load(TrainingCheckpoint.OptimizerFile(dir, state.Epoch));
            return state;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or TorchException or InvalidDataException)
        {
            throw new UnreadableCheckpointException($"checkpoint unreadable ({e.GetType().Name}: {e.Message.Split('\n')[0]})", e);
        }
    }

    private void SaveCheckpoint(string dir, optim.Adam optimizer, TrainingCheckpoint state)
    {
        Directory.CreateDirectory(dir);
        model.save(TrainingCheckpoint.ModelFile(dir, state.Epoch));
        optimizer.save(TrainingCheckpoint.OptimizerFile(dir, state.Epoch));
        state.Save(dir);
    }

    private TrainingOutcome Outcome(TrainingCheckpoint state, bool stoppedEarly) => new(
        state.BestEpoch ?? throw new InvalidOperationException("a run ends with at least one evaluation"),
        state.BestValid!,
        state.BestTest!,
        model.parameter_count(),
        state.TrainSeconds,
        state.EvalSeconds,
        state.Curve,
        stoppedEarly,
        state.BestTestRanks);
}
