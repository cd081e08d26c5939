using System.Text.RegularExpressions;

namespace Sweeps.Coordinator.Submission;

/// <summary>What a sweep may be called: its name is a URL path segment, a file name in reports and a
/// command-line argument, so it is kept to letters, digits, '.', '_' and '-', starting with a letter
/// or digit, at most 100 characters.</summary>
public static partial class SweepNames
{
    public const int MaxLength = 100;

    public static bool IsValid(string name) => name.Length <= MaxLength && Pattern().IsMatch(name);

    /// <exception cref="SweepRejectedException">The name is not valid.</exception>
    public static void Validate(string name)
    {
        if (!IsValid(name))
            throw new SweepRejectedException(
                $"sweep name '{Shorten(name)}' is not allowed: use letters, digits, '.', '_' and '-' (starting with a letter or digit, at most {MaxLength} characters)");
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Pattern();
}
