using System.Net.Sockets;
using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Sweeps;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Store.Ownership;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Cli.Terminal;

/// <summary>Turns an exception that escaped a command into one line and an exit code. Stack traces
/// only with --verbose: the expected failures (a busy store, a bad file, a taken port) are messages.</summary>
public static class ErrorReport
{
    public static int Write(Exception exception, bool verbose, TextWriter error)
    {
        var (code, message) = Describe(exception);
        error.WriteLine($"sweeps: {message}");
        if (verbose) error.WriteLine(exception.ToString());
        return code;
    }

    public static (int Code, string Message) Describe(Exception exception) => exception switch
    {
        StoreInUseException e => (ExitCodes.StoreInUse, e.Message),
        StoreException e => (ExitCodes.StoreUnusable, e.Message),
        SweepRejectedException or SweepValidationException => (ExitCodes.BadInput, exception.Message),
        DeterministicJobFailure e => (ExitCodes.BadInput, e.Message),
        FileNotFoundException e => (ExitCodes.BadInput, $"no such file: {e.FileName ?? e.Message}"),
        DirectoryNotFoundException e => (ExitCodes.BadInput, $"{FirstLine(e.Message)}: check the path"),
        UnauthorizedAccessException e => (ExitCodes.BadInput, $"{FirstLine(e.Message)}: check the permissions"),
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } or
            IOException { InnerException.InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } =>
            (ExitCodes.Network, $"{FirstLine(exception.Message)}: another program listens there; pick another --urls"),
        HttpRequestException e => (ExitCodes.Network, $"{FirstLine(e.Message)}: is the coordinator running, and is --coordinator its API's address?"),
        OperationCanceledException => (ExitCodes.Interrupted, "stopped"),
        IOException e => (ExitCodes.BadInput, FirstLine(e.Message)),
        _ => (ExitCodes.Internal, $"internal error ({exception.GetType().Name}: {FirstLine(exception.Message)}); rerun with --verbose and report it"),
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();
}
