using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Schemata.Tests;

/// <summary>Waits for something another process does: polls a condition until it holds or a limit passes.</summary>
internal static class Eventually
{
    /// <summary>Whether <paramref name="condition"/> held within <paramref name="limit"/>, asked every <paramref name="interval"/>.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan limit, TimeSpan interval)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(interval);
        }

        return true;
    }

    /// <summary>Whether <paramref name="condition"/> held within <paramref name="limit"/>, asked every 50 ms.</summary>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan limit)
        => TrueAsync(() => Task.FromResult(condition()), limit, TimeSpan.FromMilliseconds(50));
}
