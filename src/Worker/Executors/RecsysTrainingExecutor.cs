using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;
using Sweeps.Recsys.Data;
using Sweeps.Recsys.Models;
using Sweeps.Recsys.Training;
using Sweeps.Torch;
using Sweeps.Worker.Execution;

namespace Sweeps.Worker.Executors;

/// <summary>Trains and evaluates the models of the zoo (every catalogue model but noop). Training runs
/// on its own thread: it is synchronous, CPU- or GPU-bound work.</summary>
/// <remarks>libtorch's random generator is process-wide: results are bit-reproducible by seed when a
/// process runs one job at a time (one slot per process on CPU).</remarks>
public sealed class RecsysTrainingExecutor(DatasetLocator datasets, Device device, DatasetCache? cache = null) : IJobExecutor
{
    public static IEnumerable<string> ModelIds => ModelCatalog.Ids.Where(id => id != NoopExecutor.ModelId);

    public async Task<RunResult> ExecuteAsync(JobSpec job, JobExecutionContext context, CancellationToken cancellationToken)
    {
        // Off the caller's thread: the first look at a large dataset hashes all of it.
        var dataset = await Task.Run(() => datasets.LocateAsync(job, context.Datasets, cancellationToken), cancellationToken).ConfigureAwait(false);
        return await Task.Factory.StartNew(() => Execute(job, dataset, context, cancellationToken), cancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
    }

    private RunResult Execute(JobSpec job, string dataset, JobExecutionContext context, CancellationToken cancellationToken)
    {
        var split = LeaveOneOutSplit.Create(Load(dataset));
        var modelOptions = ModelOptions.FromJob(job, split.ItemCount);
        var trainingOptions = TrainingOptions.FromJob(job);
        torch.manual_seed(job.Seed);
        using var model = ModelFactory.Create(modelOptions);
        var outcome = new Trainer(model, split, trainingOptions, device).Run(context.CheckpointDirectory, context.Progress, cancellationToken, context.Draining);
        if (context.WeightsFile is { } weights) SaveWeights(model, weights);
        var manifest = new RunManifest(CodeVersion.Current, job.DatasetHash, job.ToCanonicalJson(), job.Seed, device.ToString(), torch.__version__);
        return new RunResult(job.Id, outcome.SelectedEpoch, outcome.Valid, outcome.Test, outcome.ParameterCount,
            outcome.TrainSeconds, device.ToString(), outcome.Curve, manifest, outcome.TestRanks);
    }

    /// <summary>Written under a temporary name and renamed, so a kept weights file is never half-written.</summary>
    private static void SaveWeights(SequentialRecommender model, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        model.save(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    private InteractionDataset Load(string path)
    {
        try
        {
            return new DatasetLoader(cache ?? DatasetCache.Default()).Load(path);
        }
        catch (DatasetException e)
        {
            throw new BadJobDataException(e.Message, e);
        }
    }
}
