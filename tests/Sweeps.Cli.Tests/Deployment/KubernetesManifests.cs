using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Cli.Tests.Deployment;

/// <summary>The k8s/ folder read as Kubernetes would: every resource file of the kustomization,
/// deserialised strictly into the API's typed models (an unknown or misspelt field fails), and the
/// names the kustomization generates.</summary>
public sealed class KubernetesManifests
{
    private KubernetesManifests(IReadOnlyList<string> files, IReadOnlyList<object> objects, YamlMappingNode kustomization)
    {
        Files = files;
        Objects = objects;
        Kustomization = kustomization;
    }

    public IReadOnlyList<string> Files { get; }
    public IReadOnlyList<object> Objects { get; }
    public YamlMappingNode Kustomization { get; }

    public static string Folder => Path.Combine(RepositoryRoot(), "k8s");

    public static KubernetesManifests Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Folder, "kustomization.yaml"))));
        var kustomization = (YamlMappingNode)stream.Documents.Single().RootNode;
        var files = Sequence(kustomization, "resources").Select(node => ((YamlScalarNode)node).Value!).ToList();
        var objects = files.SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(Folder, file)), null, strict: true)).ToList();
        return new KubernetesManifests(files, objects, kustomization);
    }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    /// <summary>Secret name → the keys the kustomization's secretGenerator puts in it.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> GeneratedSecrets() =>
        Sequence(Kustomization, "secretGenerator").Cast<YamlMappingNode>().ToDictionary(
            generator => ((YamlScalarNode)generator["name"]).Value!,
            generator => Sequence(generator, "files").Select(file => ((YamlScalarNode)file).Value!.Split('=')[0]).ToHashSet());

    public IEnumerable<string> ImageNames() =>
        Sequence(Kustomization, "images").Cast<YamlMappingNode>().Select(image => ((YamlScalarNode)image["name"]).Value!);

    /// <summary>Every workload's pod template with the workload's name.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template, V1LabelSelector Selector)> PodTemplates() =>
        All<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template, d.Spec.Selector))
            .Concat(All<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template, s.Spec.Selector)));

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlSequenceNode)node).Children : [];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sweeps.sln"))) return dir.FullName;
        throw new InvalidOperationException("Sweeps.sln not found above the test's folder");
    }
}
