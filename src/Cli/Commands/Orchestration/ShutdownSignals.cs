using System.Runtime.InteropServices;

namespace Sweeps.Cli.Commands.Orchestration;

/// <summary>SIGINT (Ctrl-C) and SIGTERM for the commands that run jobs: the first asks for a clean stop
/// (take no new jobs, interrupt running ones at their next step, record them as interrupted) and
/// starts a <see cref="GracePeriod"/> watchdog; a second signal, or the watchdog, exits at once.</summary>
public sealed class ShutdownSignals : IDisposable
{
    /// <summary>How long a clean stop may take before the process exits anyway, unless a command says.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly string _command;
    private readonly TimeSpan _grace;
    private int _signals;

    /// <param name="grace">How long this command's clean stop may take (<see cref="GracePeriod"/> by default).</param>
    public ShutdownSignals(string command, TimeSpan? grace = null)
    {
        (_command, _grace) = (command, grace ?? GracePeriod);
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Stopping => _stopping.Token;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        var name = context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";
        if (Interlocked.Increment(ref _signals) > 1)
        {
            System.Console.Error.WriteLine($"{name} again: exiting now; running jobs resume from their last checkpoint next time");
            Environment.Exit(ExitCodes.Interrupted);
        }
        System.Console.Error.WriteLine($"{name}: {_command} is stopping (at most {_grace.TotalSeconds:0} s): no new jobs, running ones interrupted and recorded; send it again to exit at once");
        // Off the signal thread: cancellation runs the shutdown's continuations.
        _ = Task.Run(() => _stopping.Cancel());
        _ = Task.Delay(_grace).ContinueWith(_ =>
        {
            System.Console.Error.WriteLine($"{_command} did not stop within {_grace.TotalSeconds:0} s; exiting now");
            Environment.Exit(ExitCodes.Interrupted);
        }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stopping.Dispose();
    }
}
