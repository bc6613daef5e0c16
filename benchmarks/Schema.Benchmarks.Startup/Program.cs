using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Schemata;

// `apply`: what a service's first line does, Schema.Apply(), through DATABASE_URL. `status`: the full comparison of the
// model with the catalog through the API; `schema-status`: the same through the `schema status` command. Each prints one line the benchmark reads: how long it took in the
// process, and the process's peak resident memory. `schema …`: the app's schema commands, as any service has them.
if (SchemaCommands.Handles(args))
{
    return await SchemaCommands.RunAsync(args, Schema.Model);
}

var clock = Stopwatch.StartNew();
var mode = args.Length > 0 ? args[0] : "apply";
string outcome;
if (mode == "load")
{
    outcome = Schema.Model.Tables.Count.ToString(CultureInfo.InvariantCulture) + " table(s) loaded";
}
else if (mode == "status-twice")
{
    await using var database = SchemaDatabase.FromEnvironment();
    var first = Stopwatch.StartNew();
    await Schema.Model.StatusAsync(database);
    var firstMs = first.Elapsed.TotalMilliseconds;
    var second = Stopwatch.StartNew();
    var status = await Schema.Model.StatusAsync(database);
    outcome = string.Create(CultureInfo.InvariantCulture, $"first {firstMs:0} ms, second {second.Elapsed.TotalMilliseconds:0} ms, {status.Plan.Changes.Count} change(s)");
}
else if (mode == "status-steps")
{
    // Where a cold comparison's time goes: each step's wall time, how much of it the JIT took, and the collector's pauses.
    var steps = new System.Text.StringBuilder();
    var step = Stopwatch.StartNew();
    var jit = System.Runtime.JitInfo.GetCompilationTime();
    var methods = System.Runtime.JitInfo.GetCompiledMethodCount();
    var paused = GC.GetTotalPauseDuration();
    var collections = GC.CollectionCount(0);
    void Mark(string name)
    {
        var jitNow = System.Runtime.JitInfo.GetCompilationTime();
        var methodsNow = System.Runtime.JitInfo.GetCompiledMethodCount();
        var pausedNow = GC.GetTotalPauseDuration();
        var collectionsNow = GC.CollectionCount(0);
        steps.Append(CultureInfo.InvariantCulture, $"{name} {step.Elapsed.TotalMilliseconds:0} ms (jit {(jitNow - jit).TotalMilliseconds:0} ms, {methodsNow - methods} methods; gc {collectionsNow - collections}, {(pausedNow - paused).TotalMilliseconds:0} ms); ");
        step.Restart();
        jit = jitNow;
        methods = methodsNow;
        paused = pausedNow;
        collections = collectionsNow;
    }

    var tables = Schema.Model.Tables.Count;
    Mark("model " + tables.ToString(CultureInfo.InvariantCulture) + " tables");
    await using var database = SchemaDatabase.FromEnvironment();
    await using (var connection = await database.DataSource.OpenConnectionAsync())
    {
    }

    Mark("connect");
    var status = await Schema.Model.StatusAsync(database);
    Mark("status");
    outcome = steps.ToString() + Describe(status);
}
else if (mode == "schema-status")
{
    // The command a user runs, through the app's schema commands (which keep a JIT profile between runs).
    outcome = "schema status exited " + (await SchemaCommands.RunAsync(["schema", "status"], Schema.Model)).ToString(CultureInfo.InvariantCulture);
}
else if (mode == "status")
{
    await using var database = SchemaDatabase.FromEnvironment();
    var status = await Schema.Model.StatusAsync(database);
    outcome = Describe(status);
}
else
{
    outcome = Schema.Apply().ToString();
}

var elapsed = clock.Elapsed.TotalMilliseconds;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"mode={mode} elapsed_ms={elapsed:0.0} peak_rss_kb={PeakResidentKilobytes()} outcome={outcome}"));
return 0;

static string Describe(SchemaStatus status)
    => status.IsUpToDate ? "up to date" : status.Plan.Changes.Count.ToString(CultureInfo.InvariantCulture) + " change(s)";

// VmHWM: the most resident memory the process ever had.
static long PeakResidentKilobytes()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
        {
            return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
    }

    return -1;
}
