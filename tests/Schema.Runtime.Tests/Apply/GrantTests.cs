using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>Grants to an app role are part of the model and of the diff.</summary>
public sealed class GrantTests
{
    [Fact]
    public async Task Grants_are_applied_compared_reported_as_drift_and_revoked_by_drop()
    {
        var role = "app_" + Guid.NewGuid().ToString("N")[..12];
        await using var db = await MigrationDatabase.CreateAsync();
        await db.ExecuteAsync($"CREATE ROLE {role} LOGIN");
        try
        {
            var model = ModelCompiler.Compile($"[assembly: Grant(\"{role}\")]\n" + Versions.V2);
            Assert.NotEmpty(model.Grants);

            await model.ApplyAsync(db.Database);

            Assert.True(await db.QueryAsync<bool>($"SELECT has_table_privilege('{role}', 'tasks', 'SELECT,INSERT,UPDATE,DELETE')"));
            Assert.True((await model.CompareAsync(db.Database)).IsEmpty);

            await db.ExecuteAsync($"REVOKE DELETE ON tasks FROM {role}");
            var drift = (await model.CompareAsync(db.Database)).Drift;
            Assert.Contains(drift, c => c.Statements.Single().Sql.StartsWith("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE \"tasks\"", StringComparison.Ordinal));

            await model.ApplyAsync(db.Database, new ApplyOptions { RepairDrift = true });
            Assert.True(await db.QueryAsync<bool>($"SELECT has_table_privilege('{role}', 'tasks', 'DELETE')"));
            Assert.True((await model.StatusAsync(db.Database)).IsUpToDate);

            await model.DropAsync(db.Database);
            Assert.Equal(0L, await db.QueryAsync<long>($"SELECT count(*) FROM pg_default_acl a, aclexplode(a.defaclacl) x WHERE x.grantee = '{role}'::regrole"));
        }
        finally
        {
            await db.ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task A_grant_removed_from_the_model_is_revoked()
    {
        var role = "gone_" + Guid.NewGuid().ToString("N")[..12];
        await using var db = await MigrationDatabase.CreateAsync();
        await db.ExecuteAsync($"CREATE ROLE {role} LOGIN");
        try
        {
            await ModelCompiler.Compile($"[assembly: Grant(\"{role}\")]\n" + Versions.V2).ApplyAsync(db.Database);
            Assert.True(await db.QueryAsync<bool>($"SELECT has_table_privilege('{role}', 'tasks', 'SELECT')"));

            var withoutGrant = ModelCompiler.Compile(Versions.V2);
            var plan = await withoutGrant.CompareAsync(db.Database);
            Assert.Contains(plan.Statements, s => s.StartsWith("REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLE \"public\".\"tasks\" FROM", StringComparison.Ordinal));
            await withoutGrant.ApplyAsync(db.Database);

            Assert.False(await db.QueryAsync<bool>($"SELECT has_table_privilege('{role}', 'tasks', 'SELECT')"));
            Assert.Equal(0L, await db.QueryAsync<long>($"SELECT count(*) FROM pg_namespace n, aclexplode(n.nspacl) x WHERE n.nspname = 'public' AND x.grantee = '{role}'::regrole"));
            Assert.Equal(0L, await db.QueryAsync<long>($"SELECT count(*) FROM pg_default_acl a, aclexplode(a.defaclacl) x WHERE x.grantee = '{role}'::regrole"));
            Assert.True((await withoutGrant.CompareAsync(db.Database)).IsEmpty);
        }
        finally
        {
            await db.ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task The_app_role_can_read_and_write_what_the_migrate_role_created_including_identity_sequences()
    {
        var owner = "owner_" + Guid.NewGuid().ToString("N")[..12];
        var app = "app_" + Guid.NewGuid().ToString("N")[..12];
        await using var db = await MigrationDatabase.CreateAsync();
        await db.ExecuteAsync($"CREATE ROLE {owner} LOGIN PASSWORD 'owner-pw'; CREATE ROLE {app} LOGIN PASSWORD 'app-pw'; GRANT CREATE ON SCHEMA public TO {owner}; GRANT ALL ON DATABASE \"{new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString).Database}\" TO {owner}");
        try
        {
            var model = ModelCompiler.Compile($$"""
                [assembly: Grant("{{app}}")]
                namespace Shop;

                [Table("events")]
                public sealed class Event
                {
                    public long Id { get; set; }
                    public required string Name { get; set; }
                }
                """);
            var asOwner = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = owner, Password = "owner-pw" }.ConnectionString;
            var asApp = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = app, Password = "app-pw" }.ConnectionString;

            var environment = new System.Collections.Generic.Dictionary<string, string> { ["DATABASE_MIGRATE_URL"] = asOwner, ["DATABASE_URL"] = asApp };
            using var output = new System.IO.StringWriter();
            using var error = new System.IO.StringWriter();
            var code = await SchemaCommands.RunAsync(["schema", "apply"], model, output, error, environment.GetValueOrDefault, default);
            Assert.True(code == 0, error.ToString());

            Assert.Equal(owner, await db.QueryAsync<string>("SELECT applied_by FROM schema_history"));
            Assert.Equal(owner, await db.QueryAsync<string>("SELECT tableowner::text FROM pg_tables WHERE tablename = 'events'"));
            Assert.Equal(1L, await Scalar.QueryAsync<long>(asApp, "INSERT INTO events (name) VALUES ('signed up') RETURNING id"));
            Assert.Equal("signed up", await Scalar.QueryAsync<string>(asApp, "SELECT name FROM events"));
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Scalar.ExecuteAsync(asApp, "DROP TABLE events"));
        }
        finally
        {
            await db.ExecuteAsync($"DROP OWNED BY {owner}; DROP OWNED BY {app}; DROP ROLE {owner}; DROP ROLE {app}");
        }
    }

    [Fact]
    public async Task With_grants_the_plan_for_an_empty_database_is_still_exactly_the_script()
    {
        var role = "plan_" + Guid.NewGuid().ToString("N")[..12];
        await using var db = await MigrationDatabase.CreateAsync();
        await db.ExecuteAsync($"CREATE ROLE {role}");
        try
        {
            var model = ModelCompiler.Compile($"[assembly: Grant(\"{role}\")]\n" + Versions.V2);

            var plan = await model.PlanAsync(db.Database);

            Assert.Contains(plan, s => s == $"GRANT USAGE ON SCHEMA \"public\" TO \"{role}\";");
            Assert.Equal(model.Script, string.Join("\n\n", plan));
            Assert.Equal(plan, (await model.ApplyAsync(db.Database)).Statements);
        }
        finally
        {
            await db.ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task Grants_name_only_the_models_own_tables_and_sequences_and_revokes_touch_nothing_else()
    {
        var role = "own_" + Guid.NewGuid().ToString("N")[..12];
        await using var db = await MigrationDatabase.CreateAsync();
        await db.ExecuteAsync($"CREATE ROLE {role}; CREATE TABLE handmade (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, note text); GRANT USAGE ON SCHEMA public TO {role}");
        try
        {
            var model = ModelCompiler.Compile($$"""
                [assembly: Grant("{{role}}")]
                namespace Shop;

                [Table("events")]
                public sealed class Event
                {
                    public long Id { get; set; }
                    public required string Name { get; set; }
                }
                """);
            await model.ApplyAsync(db.Database);

            Assert.True(await db.QueryAsync<bool>($"SELECT has_sequence_privilege('{role}', pg_get_serial_sequence('events', 'id'), 'USAGE, SELECT')"));
            Assert.False(await db.QueryAsync<bool>($"SELECT has_sequence_privilege('{role}', pg_get_serial_sequence('handmade', 'id'), 'USAGE')"));
            Assert.False(await db.QueryAsync<bool>($"SELECT has_table_privilege('{role}', 'handmade', 'SELECT')"));

            // The model stops granting: what it granted goes, the usage granted by hand before it stays.
            var without = ModelCompiler.Compile("""
                namespace Shop;

                [Table("events")]
                public sealed class Event
                {
                    public long Id { get; set; }
                    public required string Name { get; set; }
                }
                """);
            var revokes = (await without.CompareAsync(db.Database)).Statements;
            Assert.All(revokes, r => Assert.StartsWith(r.StartsWith("ALTER DEFAULT", StringComparison.Ordinal) ? "ALTER DEFAULT PRIVILEGES" : "REVOKE", r, StringComparison.Ordinal));
            Assert.DoesNotContain(revokes, r => r.Contains("handmade", StringComparison.Ordinal) || r.Contains("ALL SEQUENCES", StringComparison.Ordinal));
            await without.ApplyAsync(db.Database);
            Assert.False(await db.QueryAsync<bool>($"SELECT has_table_privilege('{role}', 'events', 'SELECT')"));
            Assert.False(await db.QueryAsync<bool>($"SELECT has_sequence_privilege('{role}', pg_get_serial_sequence('events', 'id'), 'USAGE')"));
            Assert.True((await without.CompareAsync(db.Database)).IsEmpty);
            Assert.Equal(1L, await db.QueryAsync<long>($"SELECT count(*) FROM pg_namespace n, aclexplode(n.nspacl) x WHERE n.nspname = 'public' AND x.grantee = '{role}'::regrole AND x.privilege_type = 'USAGE'"));
        }
        finally
        {
            await db.ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task A_grant_to_a_role_that_does_not_exist_is_refused_before_anything_runs()
    {
        await using var db = await MigrationDatabase.CreateAsync();
        var model = ModelCompiler.Compile("[assembly: Grant(\"nobody_here\")]\n" + Versions.V1);

        var refused = await Assert.ThrowsAsync<SchemaRefusedException>(async () => await model.ApplyAsync(db.Database));

        Assert.All(refused.Blocked, c => Assert.StartsWith("the role nobody_here does not exist", c.BlockedReason, StringComparison.Ordinal));
        Assert.Empty(await CatalogDump.ReadAsync(db.ConnectionString));
    }
}
