using Spectre.Console;

namespace Sweeps.Cli.Terminal;

/// <summary>Colour and live displays only for a person at a terminal: none when output is redirected or
/// NO_COLOR is set (https://no-color.org), so logs and pipes get plain text.</summary>
public static class OutputStyle
{
    public static bool Plain => System.Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Width to fit tables into: the terminal's, or 80 columns when there is none.</summary>
    public static int Width => System.Console.IsOutputRedirected ? 80 : Math.Max(40, SafeWindowWidth());

    public static void Apply()
    {
        if (!Plain) return;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
    }

    private static int SafeWindowWidth()
    {
        try { return System.Console.WindowWidth > 0 ? System.Console.WindowWidth : 80; }
        catch (IOException) { return 80; }
    }
}
