using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>
/// For benchmarks whose invocation takes a tenth of a second or more, or needs a fresh setup each time: one
/// invocation per iteration, one warmup, <paramref name="iterations"/> iterations. The dry run keeps its own job.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute(int iterations) : JobMutatorConfigBaseAttribute(
    BenchmarkSettings.Dry
        ? new Job()
        : new Job().WithWarmupCount(1).WithIterationCount(iterations).WithInvocationCount(1).WithUnrollFactor(1));
