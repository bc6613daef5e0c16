using System.Globalization;
using System.Text;

namespace Schemata.Benchmarks.Model;

/// <summary>
/// The entities of the startup scenario's app, for any number of tables: each with a foreign key (to the table
/// before it), two indexes (one unique) and a native enum column, the shape the size targets were set on.
/// </summary>
public static class StartupModelSource
{
    public static string For(int tables)
    {
        var source = new StringBuilder(tables * 600);
        source.Append("""
            using System;
            using Schemata;

            namespace Startup;

            [DbEnum] public enum Stage { Draft, Active, Archived }

            """);
        for (var i = 0; i < tables; i++)
        {
            var name = Name(i);
            source.Append(CultureInfo.InvariantCulture, $$"""

                [Table("{{name.ToLowerInvariant()}}")]
                [Index(nameof(Code), Unique = true)]
                [Index(nameof(ParentId), nameof(Stage))]
                public sealed class {{name}} : Entity
                {
                    [ForeignKey(typeof({{Name(i == 0 ? 0 : i - 1)}}))] public Guid? ParentId { get; set; }
                    [MaxLength(40)] public string Code { get; set; } = "";
                    public string? Title { get; set; }
                    public Stage Stage { get; set; }
                    public int Position { get; set; }
                }

                """);
        }

        return source.ToString();
    }

    private static string Name(int index) => "T" + index.ToString("D4", CultureInfo.InvariantCulture);
}
