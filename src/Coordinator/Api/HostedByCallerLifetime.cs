using Microsoft.Extensions.Hosting;

namespace Sweeps.Coordinator.Api;

/// <summary>Replaces the console lifetime of ASP.NET Core's host: the process that embeds the API owns
/// SIGINT/SIGTERM (it must stop its workers and record their jobs before the server goes), so the
/// host must not react to them on its own.</summary>
internal sealed class HostedByCallerLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
