using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sweeps.Coordinator.Api;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Submission;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

/// <summary>Submissions cannot overwhelm the coordinator: too many jobs or too large a body is refused
/// before anything is written, a large valid one does not hold up other requests, and job lists come
/// in pages.</summary>
public sealed class SubmissionLimitTests
{
    /// <summary>Reads "name: X\njobs: N": N fixture jobs, with their count known up front as a sweep file's is.</summary>
    private sealed class CountingReader : ISweepReader
    {
        public SweepSubmission Read(string sourceText, string? fallbackName = null)
        {
            var lines = sourceText.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
            if (!lines.TryGetValue("name", out var name) || !lines.TryGetValue("jobs", out var n))
                throw new SweepRejectedException("name and jobs are required");
            var count = int.Parse(n);
            return new SweepSubmission(name, sourceText, [], Enumerable.Range(1, count).Select(seed => Jobs.Make(seed: seed)), count);
        }
    }

    private static async Task<(TempStore, SweepCoordinator, ApiServer, HttpClient)> StartAsync(long maxJobs)
    {
        var temp = new TempStore();
        // No workers: the jobs stay pending, which is all these tests need.
        var coordinator = new SweepCoordinator(temp.Store, new CoordinatorOptions(2, new RetryOptions(), TimeProvider.System, maxJobs));
        var server = await ApiServer.StartAsync(coordinator, new CountingReader(), ["http://127.0.0.1:0"], token: null);
        return (temp, coordinator, server, new HttpClient { BaseAddress = new Uri(server.Addresses.Single()) });
    }

    [Fact]
    public async Task An_over_limit_sweep_is_refused_with_its_count_and_nothing_is_written()
    {
        var (temp, coordinator, server, http) = await StartAsync(maxJobs: 10);
        await using (temp) await using (coordinator) await using (server) using (http)
        {
            var response = await http.PostAsync("/api/sweeps", new StringContent("name: big\njobs: 11"));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(11, body.GetProperty("jobs").GetInt64());
            Assert.Contains("11 jobs", body.GetProperty("error").GetString());
            Assert.Empty(await temp.Store.ListSweepsAsync());
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/sweeps", new StringContent("name: small\njobs: 10"))).StatusCode);
        }
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused()
    {
        var (temp, coordinator, server, http) = await StartAsync(maxJobs: 10);
        await using (temp) await using (coordinator) await using (server) using (http)
        {
            var huge = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("name: chunked\njobs: 1\n" + new string('#', 2 << 20)));
            var content = new StreamContent(huge);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/sweeps") { Content = content };
            request.Headers.TransferEncodingChunked = true;
            var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Empty(await temp.Store.ListSweepsAsync());
        }
    }

    [Fact]
    public async Task Other_requests_answer_within_a_second_during_a_large_submission()
    {
        var (temp, coordinator, server, http) = await StartAsync(maxJobs: 100_000);
        await using (temp) await using (coordinator) await using (server) using (http)
        {
            await http.PostAsync("/api/sweeps", new StringContent("name: earlier\njobs: 3"));
            var large = http.PostAsync("/api/sweeps", new StringContent("name: large\njobs: 8000"));
            await Task.Delay(300);
            var clock = Stopwatch.StartNew();
            var list = await http.GetFromJsonAsync<JsonElement>("/api/sweeps");
            var detail = await http.GetFromJsonAsync<JsonElement>("/api/sweeps/earlier");
            var elapsed = clock.Elapsed;
            Assert.False(large.IsCompleted, "the large submission finished too soon to show anything");
            Assert.True(elapsed < TimeSpan.FromSeconds(1), $"reads took {elapsed.TotalMilliseconds:F0} ms during the submission");
            Assert.Equal("earlier", list[0].GetProperty("id").GetString());
            Assert.Equal(3, detail.GetProperty("total").GetInt32());
            Assert.Equal(HttpStatusCode.Created, (await large).StatusCode);
        }
    }

    [Fact]
    public async Task Job_lists_come_in_pages()
    {
        var (temp, coordinator, server, http) = await StartAsync(maxJobs: 100);
        await using (temp) await using (coordinator) await using (server) using (http)
        {
            await http.PostAsync("/api/sweeps", new StringContent("name: paged\njobs: 5"));
            var all = await http.GetFromJsonAsync<JsonElement>("/api/sweeps/paged");
            var page = await http.GetFromJsonAsync<JsonElement>("/api/sweeps/paged?offset=1&limit=2");
            Assert.Equal(5, page.GetProperty("total").GetInt32());
            Assert.Equal(2, page.GetProperty("jobs").GetArrayLength());
            Assert.Equal(all.GetProperty("jobs")[1].GetProperty("id").GetString(), page.GetProperty("jobs")[0].GetProperty("id").GetString());
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/sweeps/paged?limit=0")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/sweeps/paged?limit=10001")).StatusCode);
        }
    }
}
