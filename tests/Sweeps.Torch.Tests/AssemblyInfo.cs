// The live-tensor count and the random generator are process-wide: tests that measure either must
// not interleave with others.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
