using System;
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
            Assert.Contains(drift, c => c.Statements.Single().StartsWith("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE \"tasks\"", StringComparison.Ordinal));

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
}
