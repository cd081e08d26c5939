using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Placement;
using Sweeps.Cluster.Transfer;
using Sweeps.Cluster.Workers;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Store;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Slots;
using Sweeps.Worker.Transfer;

namespace Sweeps.Cluster.Hosting;

/// <summary>The coordinator role of a silo: the store it owns, how it dispatches, and where it logs
/// (the silo's logging when null).</summary>
public sealed record CoordinatorRole(SweepStore Store, CoordinatorOptions Options, ILogger? Logger = null)
{
    /// <summary>The data root whose datasets it serves to workers that lack them; null: none served.</summary>
    public string? DataRoot { get; init; }
}

/// <summary>The slots of one device and the executors that train on it.</summary>
public sealed record DeviceSlots(string Device, ExecutorRegistry Executors, WorkerOptions Options);

/// <summary>The worker role of a silo: slots on each of its devices.</summary>
public sealed record WorkerRole(IReadOnlyList<DeviceSlots> Devices)
{
    public WorkerRole(DeviceSlots device) : this([device]) { }

    /// <summary>Set on a worker that shares no disk with its coordinator: datasets, checkpoints and kept
    /// weights travel through the coordinator (see <see cref="TransferringExecutor"/>). Null in one process,
    /// where the worker writes beside the store itself.</summary>
    public WorkerCache? Cache { get; init; }

    public int Slots => Devices.Sum(d => d.Options.Slots);
}

/// <summary>Sets a silo up for Sweeps: its roles in silo metadata, coordinator-only placement, and the
/// services of each role, started and stopped with the silo. Clustering is the caller's choice
/// (localhost in one process, Redis across machines, in-memory in tests).</summary>
public static class SweepsSilo
{
    public const string ClusterId = "sweeps";
    public const string ServiceId = "sweeps";

    public static ISiloBuilder AddSweeps(this ISiloBuilder silo, CoordinatorRole? coordinator, WorkerRole? worker)
    {
        var roles = (coordinator is null ? SiloRoles.None : SiloRoles.Coordinator) | (worker is null ? SiloRoles.None : SiloRoles.Worker);
        var metadata = new Dictionary<string, string> { [SiloMetadataKeys.Roles] = SiloMetadataKeys.Format(roles) };
        if (worker is not null)
        {
            metadata[SiloMetadataKeys.Devices] = string.Join(",", worker.Devices.Select(d => d.Device));
            metadata[SiloMetadataKeys.Slots] = worker.Slots.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        silo.UseSiloMetadata(metadata);
        silo.Services.AddPlacementFilter<CoordinatorSiloFilter, CoordinatorSiloFilterDirector>(ServiceLifetime.Transient);
        if (coordinator is not null)
        {
            silo.Services.AddSingleton(coordinator.Store);
            silo.Services.AddSingleton(sp => new SweepCoordinator(coordinator.Store, coordinator.Options, coordinator.Logger ?? sp.GetRequiredService<ILogger<SweepCoordinator>>()));
            silo.Services.AddSingleton<CoordinatorService>();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CoordinatorService>());
            silo.Services.AddHostedService<MembershipWatch>();
            silo.Services.AddSingleton(new ServedDatasets(coordinator.DataRoot));
            silo.Services.AddSingleton(sp => new StoredUploads(coordinator.Store.Path, sp.GetRequiredService<SweepCoordinator>().Leases.Holds));
        }
        if (worker is not null)
        {
            silo.Services.AddSingleton<ICoordinatorLink>(sp => new GrainCoordinatorLink(sp.GetRequiredService<IGrainFactory>(),
                MembershipWatch.Holder(sp.GetRequiredService<ILocalSiloDetails>().SiloAddress)));
            if (worker.Cache is { } cache)
            {
                silo.Services.AddSingleton<ICoordinatorFiles>(sp => new RetryingCoordinatorFiles(
                    new GrainCoordinatorFiles(sp.GetRequiredService<IGrainFactory>()), TimeSpan.FromMilliseconds(500)));
                // One per silo, so slots on different devices needing the same dataset fetch it once.
                silo.Services.AddSingleton(sp => new DatasetFetcher(sp.GetRequiredService<ICoordinatorFiles>(), cache));
            }
            silo.Services.AddSingleton(sp => new WorkerSlotsService(
                [.. worker.Devices.Select(d => new WorkerPool(sp.GetRequiredService<ICoordinatorLink>(), Executors(sp, worker, d), d.Options))]));
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<WorkerSlotsService>());
        }
        return silo;
    }

    /// <summary>A device's executors, wrapped on a worker whose files travel through the coordinator.</summary>
    private static ExecutorRegistry Executors(IServiceProvider services, WorkerRole worker, DeviceSlots device)
    {
        if (worker.Cache is null) return device.Executors;
        var (files, datasets) = (services.GetRequiredService<ICoordinatorFiles>(), services.GetRequiredService<DatasetFetcher>());
        return device.Executors.Wrap(executor => new TransferringExecutor(executor, files, datasets, TransferOptions.Default));
    }

    /// <summary>Failure detection fast enough for tests on loopback (a killed silo is declared dead in
    /// about a second). Too eager for real networks: a silo declared dead while alive stops itself.</summary>
    public static ISiloBuilder WithFastFailureDetection(this ISiloBuilder silo) =>
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
}
