using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>
/// Removes every cluster still alive when the process exits (the shared one, and private ones nobody
/// disposed). Runs synchronously: nothing asynchronous may be awaited during process exit.
/// </summary>
internal static class ProcessExitCleanup
{
    private static readonly ConcurrentDictionary<LocalCluster, byte> Live = new();
    private static int s_hooked;

    internal static void Register(LocalCluster cluster)
    {
        if (System.Threading.Interlocked.Exchange(ref s_hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += static (_, _) => RemoveAll();
        }

        Live.TryAdd(cluster, 0);
    }

    internal static void Unregister(LocalCluster cluster) => Live.TryRemove(cluster, out _);

    private static void RemoveAll() =>
        Parallel.ForEach(Live.Keys.ToArray(), static cluster => cluster.RemoveNow());
}
