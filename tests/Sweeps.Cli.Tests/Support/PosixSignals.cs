using System.Runtime.InteropServices;

namespace Sweeps.Cli.Tests.Support;

/// <summary>Sends SIGINT or SIGTERM to a process (.NET can only send SIGKILL).</summary>
internal static class PosixSignals
{
    public static void Send(int pid, PosixSignal signal)
    {
        var number = signal switch { PosixSignal.SIGINT => 2, PosixSignal.SIGTERM => 15, _ => throw new ArgumentOutOfRangeException(nameof(signal)) };
        if (Kill(pid, number) != 0) throw new InvalidOperationException($"kill({pid}, {number}) failed");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
