using System.Linq;
using Microsoft.CodeAnalysis;
using Schemata.Generator.Tests.Infrastructure;
using Xunit;

namespace Schemata.Generator.Tests;

/// <summary>The raw SQL API accepts interpolated strings only: values cannot be concatenated into the SQL.</summary>
public sealed class RawSqlApiTests
{
    [Theory]
    [InlineData("await session.ExecuteAsync(\"DELETE FROM users WHERE email = '\" + email + \"'\");")]
    [InlineData("var sql = $\"DELETE FROM users WHERE email = '{email}'\"; await session.ExecuteAsync(sql);")]
    [InlineData("await session.ScalarAsync<long>(string.Format(\"SELECT count(*) FROM users WHERE email = '{0}'\", email));")]
    public void Building_sql_as_a_string_does_not_compile(string statement)
        => Assert.Contains(Errors(statement), d => d.Id == "CS1503");

    [Theory]
    [InlineData("await session.ExecuteAsync($\"DELETE FROM users WHERE email = {email}\");")]
    [InlineData("await session.ScalarAsync<long>($\"SELECT count(*) FROM users WHERE email = {email}\");")]
    public void An_interpolated_string_compiles(string statement)
        => Assert.Empty(Errors(statement));

    private static Diagnostic[] Errors(string statement)
    {
        var source = "using Schemata; public static class Probe { public static async System.Threading.Tasks.Task Run(SchemaSession session, string email) { "
            + statement + " } }";
        return GeneratorRunner.Compile(source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
    }
}
