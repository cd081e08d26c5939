using k8s.Models;

namespace Sweeps.Cli.Tests.Deployment;

/// <summary>The k8s/ manifests load with the Kubernetes API's typed models, and every name, label,
/// selector, port, secret, volume and account they use refers to something that exists.</summary>
public sealed class KubernetesManifestTests
{
    private readonly KubernetesManifests _manifests = KubernetesManifests.Load();

    [Fact]
    public void The_kustomization_lists_every_manifest_of_the_folder()
    {
        var onDisk = Directory.GetFiles(KubernetesManifests.Folder, "*.yaml").Select(Path.GetFileName)
            .Where(name => name != "kustomization.yaml").Order();

        Assert.Equal(onDisk, _manifests.Files.Order());
        Assert.Contains(_manifests.Objects, o => o is V1Deployment { Metadata.Name: "sweeps-coordinator" });
        Assert.Contains(_manifests.Objects, o => o is V1Deployment { Metadata.Name: "sweeps-worker" });
        Assert.Contains(_manifests.Objects, o => o is V1StatefulSet { Metadata.Name: "redis" });
    }

    [Fact]
    public void Workload_selectors_match_their_pod_labels()
    {
        foreach (var (workload, template, selector) in _manifests.PodTemplates())
            foreach (var (key, value) in selector.MatchLabels)
                Assert.True(template.Metadata.Labels.TryGetValue(key, out var label) && label == value,
                    $"{workload}: selector {key}={value} does not match its pods");
    }

    [Fact]
    public void Every_service_selects_pods_that_have_its_target_ports()
    {
        foreach (var service in _manifests.All<V1Service>())
        {
            var pods = _manifests.PodTemplates().Where(p => service.Spec.Selector.All(s =>
                p.Template.Metadata.Labels.TryGetValue(s.Key, out var v) && v == s.Value)).ToList();
            Assert.True(pods.Count > 0, $"service {service.Metadata.Name} selects no pods");
            var ports = pods.SelectMany(p => p.Template.Spec.Containers).SelectMany(c => c.Ports ?? []).ToList();
            foreach (var port in service.Spec.Ports)
                Assert.Contains(ports, p => p.Name == port.TargetPort.Value || p.ContainerPort.ToString() == port.TargetPort.Value);
        }
    }

    [Fact]
    public void Volumes_claims_secrets_and_accounts_exist()
    {
        var claims = _manifests.All<V1PersistentVolumeClaim>().Select(c => c.Metadata.Name).ToHashSet();
        var secrets = _manifests.GeneratedSecrets();
        var accounts = _manifests.All<V1ServiceAccount>().Select(a => a.Metadata.Name).ToHashSet();
        var statefulClaims = _manifests.All<V1StatefulSet>().SelectMany(s => s.Spec.VolumeClaimTemplates ?? []).Select(t => t.Metadata.Name);

        foreach (var (workload, template, _) in _manifests.PodTemplates())
        {
            var spec = template.Spec;
            var volumes = (spec.Volumes ?? []).Select(v => v.Name).Concat(statefulClaims).ToHashSet();
            foreach (var mount in spec.Containers.SelectMany(c => c.VolumeMounts ?? []))
                Assert.True(volumes.Contains(mount.Name), $"{workload}: mount of the unknown volume {mount.Name}");
            foreach (var volume in spec.Volumes ?? [])
            {
                if (volume.PersistentVolumeClaim is { } claim) Assert.Contains(claim.ClaimName, claims);
                if (volume.Secret is { } secret)
                {
                    Assert.True(secrets.TryGetValue(secret.SecretName, out var keys), $"{workload}: secret {secret.SecretName} is never generated");
                    Assert.All(secret.Items ?? [], item => Assert.Contains(item.Key, keys));
                }
            }
            if (spec.ServiceAccountName is { } account) Assert.Contains(account, accounts);
        }
    }

    [Fact]
    public void No_pod_gets_a_kubernetes_api_token()
    {
        var pods = _manifests.PodTemplates().ToList();
        Assert.NotEmpty(pods);
        Assert.All(pods, p => Assert.False(p.Template.Spec.AutomountServiceAccountToken ?? true, $"{p.Workload} mounts an API token"));
        Assert.Empty(_manifests.All<V1RoleBinding>());
    }

    [Fact]
    public void Silo_pods_run_their_role_and_advertise_the_pod_address()
    {
        foreach (var (workload, template, _) in _manifests.PodTemplates().Where(p => p.Workload.StartsWith("sweeps-", StringComparison.Ordinal)))
        {
            var container = Assert.Single(template.Spec.Containers);
            Assert.Equal(workload["sweeps-".Length..], container.Args[0]);
            var env = container.Env.ToDictionary(e => e.Name);
            Assert.Equal("status.podIP", env["POD_IP"].ValueFrom.FieldRef.FieldPath);
            Assert.Contains(container.Image.Split(':')[0], _manifests.ImageNames());
            Assert.Contains(template.Spec.Containers.SelectMany(c => c.Ports), p => p.Name == "silo");
        }
    }

    [Fact]
    public void Silos_reach_redis_through_its_service()
    {
        var redis = Assert.Single(_manifests.All<V1Service>(), s => s.Metadata.Name == "redis");
        var address = $"redis://{redis.Metadata.Name}:{redis.Spec.Ports.Single().Port}";

        foreach (var (workload, template, _) in _manifests.PodTemplates().Where(p => p.Workload.StartsWith("sweeps-", StringComparison.Ordinal)))
        {
            var args = template.Spec.Containers.Single().Args;
            Assert.True(args[args.IndexOf("--cluster") + 1] == address, $"{workload} does not name {address}");
        }
    }

    [Fact]
    public void Workers_ask_for_a_gpu_and_have_time_to_checkpoint()
    {
        var worker = Assert.Single(_manifests.All<V1Deployment>(), d => d.Metadata.Name == "sweeps-worker");
        var spec = worker.Spec.Template.Spec;

        Assert.Equal("1", spec.Containers.Single().Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Contains(spec.Tolerations, t => t.Key == "nvidia.com/gpu");
        Assert.NotEmpty(spec.NodeSelector);
        Assert.True(spec.TerminationGracePeriodSeconds >= 120, "a worker needs minutes to checkpoint and hand its jobs back");
    }

    [Fact]
    public void The_coordinator_is_a_single_owner_of_its_store()
    {
        var coordinator = Assert.Single(_manifests.All<V1Deployment>(), d => d.Metadata.Name == "sweeps-coordinator");
        var args = coordinator.Spec.Template.Spec.Containers.Single().Args;
        var mounts = coordinator.Spec.Template.Spec.Containers.Single().VolumeMounts;

        Assert.Equal(1, coordinator.Spec.Replicas);
        Assert.Equal("Recreate", coordinator.Spec.Strategy.Type);
        var store = args[args.IndexOf("--store") + 1];
        Assert.Contains(mounts, m => store.StartsWith(m.MountPath + "/", StringComparison.Ordinal)
            && coordinator.Spec.Template.Spec.Volumes.Single(v => v.Name == m.Name).PersistentVolumeClaim is not null);
        Assert.DoesNotContain("--token", args);
    }
}
