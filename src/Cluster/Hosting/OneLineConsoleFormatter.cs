using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Sweeps.Cluster.Hosting;

/// <summary>The one-process run's log lines: level, source and message on one line, an exception as
/// its type and message without stack frames. `sweeps run` shares the terminal with its progress
/// display, and a researcher there needs what went wrong, not where in the silo it was noticed.</summary>
public sealed class OneLineConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "sweeps-one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var line = $"{Level(logEntry.LogLevel)}: {logEntry.Category}: {message}";
        if (logEntry.Exception is { } exception) line += $" ({exception.GetType().Name}: {exception.Message})";
        textWriter.WriteLine(line.ReplaceLineEndings(" "));
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Critical => "critical",
        LogLevel.Error => "error",
        LogLevel.Warning => "warning",
        LogLevel.Information => "info",
        _ => "debug",
    };
}
