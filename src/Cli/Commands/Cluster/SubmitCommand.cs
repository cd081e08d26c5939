using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Sweeps.Cli.Commands.Cluster;

/// <summary><c>sweeps submit FILE</c>: sends a sweep file to a running coordinator's HTTP API, which
/// validates it against its own data root; nothing is submitted if it is refused.</summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Sweep YAML file." };
        var coordinator = ClusterCliOptions.Coordinator();
        var tokenFile = ClusterCliOptions.TokenFile();
        var command = new Command("submit", "Submit a sweep to a running coordinator.") { file, coordinator, tokenFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string text;
            string? token;
            try
            {
                text = await File.ReadAllTextAsync(parse.GetValue(file)!, cancellationToken);
                token = ClusterCliOptions.Token(parse.GetValue(tokenFile));
            }
            catch (IOException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(coordinator)!) };
            if (!string.IsNullOrEmpty(token)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.PostAsync("/api/sweeps", new StringContent(text), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = TryRead(body, "error") ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
                Console.Error.WriteLine($"{parse.GetValue(file)}: refused: {error}");
                return ExitCodes.BadInput;
            }
            using var outcome = JsonDocument.Parse(body);
            var o = outcome.RootElement;
            Console.WriteLine($"sweep '{o.GetProperty("sweepId").GetString()}': {o.GetProperty("total").GetInt32()} jobs, {o.GetProperty("added").GetInt32()} new, {o.GetProperty("alreadySucceeded").GetInt32()} already finished, {o.GetProperty("outstanding").GetInt32()} to run");
            return 0;
        });
        return command;
    }

    private static string? TryRead(string json, string property)
    {
        try { return JsonDocument.Parse(json).RootElement.GetProperty(property).GetString(); }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { return null; }
    }
}
