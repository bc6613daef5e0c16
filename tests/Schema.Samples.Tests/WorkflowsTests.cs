using System.Text.Json;
using Workflows;
using Workflows.Models;
using Xunit;
using WorkflowsSchema = Workflows.Data.Schema;

namespace Schemata.Samples.Tests;

/// <summary>Spec 004 (Workflows), each test on a fresh database with the sample's schema applied.</summary>
public sealed class WorkflowsTests
{
    private static readonly SeedCounts Seeded = new(Users: 3, Workflows: 5, Steps: 15, Runs: 10, StepLogs: 30, Outbox: 5);

    [Fact]
    public async Task TablesAndColumnsAreTheSpecs()
    {
        await using var db = await SampleDatabase.CreateAsync(WorkflowsSchema.Model);
        var columns = await db.ColumnAsync("""
            SELECT table_name || ': ' || string_agg(column_name || ' ' || CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END
                                                    || CASE WHEN is_nullable = 'YES' THEN ' null' ELSE '' END, ', ' ORDER BY column_name)
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'schema_history'
            GROUP BY table_name ORDER BY table_name
            """);
        Assert.Equal(
            [
                "api_keys: created_at timestamp with time zone, expires_at timestamp with time zone null, id uuid, key_hash character varying, last_used_at timestamp with time zone null, name character varying, prefix character varying, updated_at timestamp with time zone, user_id uuid",
                "outbox: aggregate_id uuid, aggregate_type character varying, created_at timestamp with time zone, event_type character varying, id uuid, payload jsonb, published_at timestamp with time zone null",
                "run_step_logs: attempt integer, created_at timestamp with time zone, finished_at timestamp with time zone null, id uuid, output jsonb null, run_id uuid, started_at timestamp with time zone null, status run_status, step_id uuid, updated_at timestamp with time zone",
                "users: created_at timestamp with time zone, email character varying, id uuid, name character varying, role user_role, updated_at timestamp with time zone",
                "workflow_runs: created_at timestamp with time zone, error character varying null, finished_at timestamp with time zone null, id uuid, started_at timestamp with time zone null, status run_status, updated_at timestamp with time zone, workflow_id uuid",
                "workflow_steps: action character varying, created_at timestamp with time zone, id uuid, name character varying, position integer, retry_policy jsonb, updated_at timestamp with time zone, workflow_id uuid",
                "workflows: created_at timestamp with time zone, description character varying null, id uuid, is_active boolean, name character varying, owner_id uuid, trigger_type trigger_type, updated_at timestamp with time zone",
            ],
            columns);
        Assert.Equal(
            ["run_status: pending, running, completed, failed, cancelled"],
            await db.ColumnAsync("SELECT t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typname = 'run_status' GROUP BY t.typname"));
    }

    [Fact]
    public async Task TheFourIndexesAndThePartialOutboxIndexExist()
    {
        await using var db = await SampleDatabase.CreateAsync(WorkflowsSchema.Model);
        var indexes = await db.ColumnAsync("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname");
        Assert.Contains("CREATE INDEX ix_workflows_owner_id ON public.workflows USING btree (owner_id)", indexes);
        Assert.Contains("CREATE INDEX ix_workflow_runs_workflow_id ON public.workflow_runs USING btree (workflow_id)", indexes);
        Assert.Contains("CREATE INDEX ix_workflow_runs_status ON public.workflow_runs USING btree (status)", indexes);
        Assert.Contains("CREATE INDEX ix_run_step_logs_run_id ON public.run_step_logs USING btree (run_id)", indexes);
        Assert.Contains("CREATE INDEX ix_outbox_unpublished ON public.outbox USING btree (created_at) WHERE (published_at IS NULL)", indexes);
        Assert.Contains("CREATE UNIQUE INDEX uq_users_email ON public.users USING btree (email)", indexes);
    }

    [Fact]
    public async Task ExplainShowsIndexScansForTheIndexedFilters()
    {
        await using var db = await SampleDatabase.CreateAsync(WorkflowsSchema.Model);
        await Seeder.RunAsync(db.Database);
        await using var session = await db.Database.BeginAsync();
        await session.ExecuteAsync($"ANALYZE");

        // The seeded tables are tiny, where a sequential scan is the planner's honest best choice; turning it off for
        // this transaction only makes the choice deterministic. What is tested is that an index can serve each filter.
        await session.ExecuteAsync($"SET LOCAL enable_seqscan = off");
        var owner = SeedIds.For("user:admin@workflows.example");
        var workflow = SeedIds.For("workflow:Nightly report");
        var run = SeedIds.For("run:0");
        var queries = new (string Index, SqlInterpolation Query)[]
        {
            ("ix_workflows_owner_id", $"EXPLAIN SELECT * FROM workflows WHERE owner_id = {owner}"),
            ("ix_workflow_runs_workflow_id", $"EXPLAIN SELECT * FROM workflow_runs WHERE workflow_id = {workflow}"),
            ("ix_workflow_runs_status", $"EXPLAIN SELECT * FROM workflow_runs WHERE status = 'failed'"),
            ("ix_run_step_logs_run_id", $"EXPLAIN SELECT * FROM run_step_logs WHERE run_id = {run}"),
            ("ix_outbox_unpublished", $"EXPLAIN SELECT * FROM outbox WHERE published_at IS NULL ORDER BY created_at LIMIT 100"),
        };
        foreach (var (index, query) in queries)
        {
            var plan = string.Join("\n", await session.QueryAsync(PlanLineReader.Instance, query));
            Assert.Matches($"(Index Scan using|Index Only Scan using|Bitmap Index Scan on) {index}", plan);
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SeedIsIdempotent()
    {
        await using var db = await SampleDatabase.CreateAsync(WorkflowsSchema.Model);
        Assert.Equal(Seeded, await Seeder.RunAsync(db.Database));
        Assert.Equal(Seeded, await Seeder.RunAsync(db.Database));
        Assert.Equal(Seeded, await Seeder.RunAsync(db.Database));
        await using var session = await db.Database.BeginAsync();
        Assert.Equal(["admin", "developer", "viewer"], (await session.Users().ListAsync(orderBy: UserColumn.Email)).Select(u => u.Name.ToLowerInvariant()));
    }

    [Fact]
    public async Task TheSeedCommandIsIdempotentAcrossProcesses()
    {
        await using var db = await SampleDatabase.CreateAsync(WorkflowsSchema.Model, apply: false);
        var environment = new Dictionary<string, string?> { ["DATABASE_URL"] = db.ConnectionString };
        for (var i = 0; i < 2; i++)
        {
            var (exitCode, output, error) = await SampleProcess.RunAsync("Workflows", ["seed"], environment);
            Assert.True(exitCode == 0, error);
            Assert.Contains("Seeded: 3 users, 5 workflows, 15 steps, 10 runs, 30 step logs, 5 outbox rows", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CreatingAWorkflowWritesItsOutboxRowInTheSameTransaction()
    {
        await using var db = await SampleDatabase.CreateAsync(WorkflowsSchema.Model);
        await Seeder.RunAsync(db.Database);
        var owner = SeedIds.For("user:developer@workflows.example");

        await using (var session = await db.Database.BeginAsync())
        {
            var workflow = await WorkflowService.CreateAsync(session, new Workflow { OwnerId = owner, Name = "new" }, [new WorkflowStep { Name = "a", Action = "a" }]);
            var txid = await session.ScalarAsync<long>($"SELECT txid_current()");
            Assert.Equal(txid, await session.ScalarAsync<long>($"SELECT xmin::text::bigint FROM workflows WHERE id = {workflow.Id}"));
            Assert.Equal(txid, await session.ScalarAsync<long>($"SELECT xmin::text::bigint FROM outbox WHERE aggregate_id = {workflow.Id}"));

            // Not visible elsewhere until the commit.
            await using (var other = await db.Database.BeginAsync())
            {
                Assert.Equal(5, await other.OutboxMessages().CountAsync());
            }

            await session.CommitAsync();
            await using var after = await db.Database.BeginAsync();
            var message = (await after.QueryAsync(OutboxMessageReader.Instance, $"SELECT * FROM outbox WHERE aggregate_id = {workflow.Id}")).Single();
            Assert.Equal(("workflow", "workflow.created", (DateTimeOffset?)null), (message.AggregateType, message.EventType, message.PublishedAt));
            Assert.Equal("new", message.Payload.RootElement.GetProperty("name").GetString());
        }

        // A unit that fails after the create leaves neither row.
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await db.Database.RunAsync(async (session, token) =>
        {
            await WorkflowService.CreateAsync(session, new Workflow { OwnerId = owner, Name = "doomed" }, [], token);
            throw new InvalidOperationException("fails after the insert");
        }));
        await using var check = await db.Database.BeginAsync();
        Assert.Equal(6, await check.Workflows().CountAsync());
        Assert.Equal(6, await check.OutboxMessages().CountAsync());
    }

    [Fact]
    public async Task StepsAreOrderedByPosition_WithAJsonbRetryPolicy_AndRunsCountAttempts()
    {
        await using var db = await SampleDatabase.CreateAsync(WorkflowsSchema.Model);
        await Seeder.RunAsync(db.Database);
        await using var session = await db.Database.BeginAsync();
        var workflow = SeedIds.For("workflow:Onboard customer");
        var steps = await session.QueryAsync(WorkflowStepReader.Instance, $"SELECT * FROM workflow_steps WHERE workflow_id = {workflow} ORDER BY position");
        Assert.Equal(["create account", "send welcome", "schedule call", "notify sales"], steps.Select(s => s.Name));
        Assert.Equal([0, 1, 2, 3], steps.Select(s => s.Position));
        Assert.Equal([5, 10, 15, 20], steps.Select(s => s.RetryPolicy.BackoffSeconds));
        Assert.Equal("object", await session.ScalarAsync<string>($"SELECT jsonb_typeof(retry_policy) FROM workflow_steps WHERE id = {steps[0].Id}"));

        // Position is unique within a workflow.
        var duplicate = await Assert.ThrowsAsync<SchemaConstraintException>(async () => await db.Database.RunAsync(async (other, token) =>
            await other.WorkflowSteps().InsertAsync(new WorkflowStep { WorkflowId = workflow, Position = 1, Name = "again", Action = "a" }, token)));
        Assert.Equal("uq_workflow_steps_workflow_id_position", duplicate.ConstraintName);

        var failed = await session.WorkflowRuns().ListByStatusAsync(RunStatus.Failed);
        Assert.Equal(5, failed.Count);
        var logs = await session.RunStepLogs().ListByRunIdAsync(failed[0].Id);
        Assert.Contains(logs, l => l.Attempt == 2 && l.Status == RunStatus.Failed);
        var badAttempt = await Assert.ThrowsAsync<SchemaConstraintException>(async () => await db.Database.RunAsync(async (other, token) =>
            await other.ExecuteAsync($"UPDATE run_step_logs SET attempt = 0 WHERE run_id = {failed[0].Id}", token)));
        Assert.Equal(SchemaConstraintKind.Check, badAttempt.Kind);
    }

    [Fact]
    public async Task UniqueEmailIsAConflict_DeletingAUserDeletesItsApiKeys_AMissingRowIsNotFound()
    {
        await using var db = await SampleDatabase.CreateAsync(WorkflowsSchema.Model);
        var conflict = await Assert.ThrowsAsync<SchemaConstraintException>(async () => await db.Database.RunAsync(async (session, token) =>
        {
            await session.Users().InsertAsync(new User { Email = "a@example.com", Name = "A" }, token);
            await session.Users().InsertAsync(new User { Email = "a@example.com", Name = "B" }, token);
        }));
        Assert.True(conflict.IsConflict);
        Assert.Equal("uq_users_email", conflict.ConstraintName);

        await using var session = await db.Database.BeginAsync();
        var user = await session.Users().InsertAsync(new User { Email = "keys@example.com", Name = "Keys" });
        await session.ApiKeys().InsertAsync(new ApiKey { UserId = user.Id, Name = "one", Prefix = "wf_1", KeyHash = "h1" });
        await session.ApiKeys().InsertAsync(new ApiKey { UserId = user.Id, Name = "two", Prefix = "wf_2", KeyHash = "h2" });
        Assert.Equal(2, (await session.ApiKeys().ListByUserIdAsync(user.Id)).Count);
        Assert.True(await session.Users().DeleteAsync(user.Id));
        Assert.Equal(0, await session.ApiKeys().CountAsync());

        await Assert.ThrowsAsync<SchemaNotFoundException>(async () => await session.Users().GetAsync(user.Id).OrNotFound("user", user.Id));
    }

    [Fact]
    public async Task ReadinessAndTheMigrateDownUpCycle()
    {
        await using var db = await SampleDatabase.CreateAsync(WorkflowsSchema.Model, apply: false);
        Assert.True((await db.Database.CheckHealthAsync()).IsHealthy);

        const string Tables = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_history' ORDER BY 1";
        string[] expected = ["api_keys", "outbox", "run_step_logs", "users", "workflow_runs", "workflow_steps", "workflows"];
        await WorkflowsSchema.ApplyAsync(db.Database);
        Assert.Equal(expected, await db.ColumnAsync(Tables));
        await WorkflowsSchema.Model.DropAsync(db.Database);
        Assert.Empty(await db.ColumnAsync(Tables));
        Assert.Empty(await db.ColumnAsync("SELECT typname FROM pg_type WHERE typname IN ('run_status', 'trigger_type', 'user_role')"));
        await WorkflowsSchema.ApplyAsync(db.Database);
        Assert.Equal(expected, await db.ColumnAsync(Tables));
        Assert.Equal(Seeded, await Seeder.RunAsync(db.Database));
    }

    private sealed class PlanLineReader : IRowReader<string>
    {
        public static PlanLineReader Instance { get; } = new();

        public int[] ResolveOrdinals(Npgsql.NpgsqlDataReader reader) => [0];

        public string Read(Npgsql.NpgsqlDataReader reader, int[] ordinals) => reader.GetString(ordinals[0]);
    }
}
