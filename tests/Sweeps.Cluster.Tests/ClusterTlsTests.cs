using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Sweeps.Cluster.Hosting;
using Sweeps.Coordinator;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cluster.Tests;

/// <summary>Mutual TLS between silos: certificates of the cluster's authority are admitted, others not.</summary>
public sealed class ClusterTlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sweeps-tls-").FullName;
    private readonly TestCertificates _certificates;

    public ClusterTlsTests() => _certificates = new TestCertificates(_directory);

    [Fact]
    public void Only_certificates_issued_by_the_clusters_authority_are_accepted()
    {
        var (certificate, key) = _certificates.Issue("worker");
        var tls = ClusterTls.Load(certificate, key, _certificates.AuthorityFile);
        var (stranger, _) = _certificates.IssueByStranger("intruder");

        Assert.True(tls.IsIssuedByAuthority(X509CertificateLoader.LoadCertificateFromFile(certificate)));
        Assert.False(tls.IsIssuedByAuthority(X509CertificateLoader.LoadCertificateFromFile(stranger)));
        Assert.False(tls.IsIssuedByAuthority(null));
    }

    [Fact]
    public void A_file_that_is_not_a_certificate_is_named_and_its_content_not_quoted()
    {
        var (_, key) = _certificates.Issue("worker");
        var notACertificate = Path.Combine(_directory, "shadow");
        File.WriteAllText(notACertificate, "root:$6$secret-hash:19000:0:99999:7:::\n");

        var error = Assert.Throws<InvalidOperationException>(() => ClusterTls.Load(notACertificate, key, _certificates.AuthorityFile));
        Assert.Contains("--tls-cert", error.Message);
        Assert.Contains(notACertificate, error.Message);
        Assert.DoesNotContain("secret-hash", error.Message);
    }

    [Fact]
    public async Task Silos_and_clients_with_the_authoritys_certificates_run_jobs_over_TLS()
    {
        await using var store = SweepStore.Open(Path.Combine(_directory, "sweeps.db"));
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            var coordinator = options.SiloName == "Silo_0" ? TestRoles.Coordinator(store) : null;
            var worker = coordinator is not null ? null : TestRoles.Worker(options.SiloName, Path.Combine(_directory, "checkpoints"));
            silo.AddSweeps(coordinator, worker);
            if (options.SiloName != Intruder) Tls(options.SiloName).Apply(silo);
            else
            {
                StrangerTls(options.SiloName).Apply(silo);
                // It gives up joining sooner than the default, which waits for minutes.
                silo.Configure<ClusterMembershipOptions>(o => o.MaxJoinAttemptTime = TimeSpan.FromSeconds(10));
            }
        });
        builder.ConfigureClient(client => Tls("client").Apply(client));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var coordinatorService = cluster.Silos.Single(s => s.Name == "Silo_0").ServiceProvider.GetRequiredService<SweepCoordinator>();
        await coordinatorService.SubmitAsync(TestJobs.Sweep("tls", [TestJobs.Sleeping(1, sleepMs: 50), TestJobs.Sleeping(2, sleepMs: 50)]));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await coordinatorService.WaitForSweepAsync("tls", timeout.Token);

        var jobs = await store.ListJobsAsync("tls");
        Assert.All(jobs, j => Assert.Equal((JobState.Succeeded, "Silo_1"), (j.State, j.WorkerId)));

        // A silo whose certificate another authority issued is refused by the others and cannot join.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => cluster.StartAdditionalSiloAsync().WaitAsync(TimeSpan.FromSeconds(90)));
        Assert.IsNotType<TimeoutException>(refused);
    }

    private const string Intruder = "Silo_2";

    private ClusterTls StrangerTls(string name)
    {
        var (certificate, key) = _certificates.IssueByStranger(name);
        return ClusterTls.Load(certificate, key, _certificates.AuthorityFile);
    }

    private ClusterTls Tls(string name)
    {
        var (certificate, key) = _certificates.Issue(name);
        return ClusterTls.Load(certificate, key, _certificates.AuthorityFile);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
