using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Cluster.Tests;

public sealed class OneLineConsoleFormatterTests
{
    [Fact]
    public void An_error_with_an_exception_is_one_line_with_the_exceptions_message_and_no_stack_frames()
    {
        Exception thrown;
        try { throw new InvalidOperationException("the table moved\nto another version"); }
        catch (InvalidOperationException e) { thrown = e; }
        Assert.Contains("   at ", thrown.ToString());
        var entry = new LogEntry<string>(LogLevel.Error, "Orleans.Runtime.Silo", new EventId(1), "stopping failed", thrown, (state, _) => state);
        using var writer = new StringWriter();

        new OneLineConsoleFormatter().Write(entry, null, writer);

        Assert.Equal("error: Orleans.Runtime.Silo: stopping failed (InvalidOperationException: the table moved to another version)" + Environment.NewLine,
            writer.ToString());
    }

    [Fact]
    public void A_warning_without_an_exception_is_its_level_source_and_message()
    {
        var entry = new LogEntry<string>(LogLevel.Warning, "Sweeps", default, "slot 1 is slow", null, (state, _) => state);
        using var writer = new StringWriter();

        new OneLineConsoleFormatter().Write(entry, null, writer);

        Assert.Equal("warning: Sweeps: slot 1 is slow" + Environment.NewLine, writer.ToString());
    }
}
