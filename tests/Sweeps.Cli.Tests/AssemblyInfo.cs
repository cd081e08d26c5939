[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
