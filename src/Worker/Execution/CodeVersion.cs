using System.Reflection;

namespace Sweeps.Worker.Execution;

/// <summary>The commit the running build came from, which the SDK stamps into the informational
/// version (<c>1.0.0+&lt;sha&gt;</c>); it goes into every run manifest.</summary>
public static class CodeVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var version = (Assembly.GetEntryAssembly() ?? typeof(CodeVersion).Assembly)
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = version?.IndexOf('+') ?? -1;
        return plus >= 0 ? version![(plus + 1)..] : version ?? "unknown";
    }
}
