using System.Text.Json;
using System.Text.Json.Serialization;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Sweeps;

namespace Sweeps.Cluster.Grains;

/// <summary>Converts attempts and reports to what crosses silos. JSON keeps Contracts free of Orleans
/// attributes; reports are rare (a few per epoch) so its cost does not matter.</summary>
public static class WireFormat
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // A diverged loss is reported as NaN; plain JSON has no such number.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static LeasedAttempt ToWire(JobMessage message) =>
        new(message.Job.ToCanonicalJson(), message.AttemptToken, message.Attempt, message.EnqueuedAt, message.KeepWeights, message.Device.Name());

    public static JobMessage FromWire(LeasedAttempt attempt) =>
        new(JobSpec.FromCanonicalJson(attempt.JobJson), attempt.AttemptToken, attempt.Attempt, attempt.OfferedAt) { KeepWeights = attempt.KeepWeights, Device = DeviceKinds.Parse(attempt.Device) };

    public static WireReport ToWire(JobEvent report) =>
        new(report.GetType().Name, JsonSerializer.Serialize(report, report.GetType(), Json));

    public static JobEvent FromWire(WireReport report) => report.Kind switch
    {
        nameof(JobStarted) => Read<JobStarted>(report),
        nameof(JobHeartbeat) => Read<JobHeartbeat>(report),
        nameof(JobProgressed) => Read<JobProgressed>(report),
        nameof(JobSucceeded) => Read<JobSucceeded>(report),
        nameof(JobFailed) => Read<JobFailed>(report),
        _ => throw new InvalidDataException($"unknown report kind '{report.Kind}'"),
    };

    private static T Read<T>(WireReport report) where T : JobEvent =>
        JsonSerializer.Deserialize<T>(report.Json, Json) ?? throw new InvalidDataException($"empty {report.Kind} report");
}
