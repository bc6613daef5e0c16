using System;
using System.Collections.Generic;

#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>A table of the model.</summary>
/// <param name="Schema">The PostgreSQL schema, or <see langword="null"/> for the current one.</param>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The columns, in table order.</param>
/// <param name="Constraints">The constraints: the primary key first, then foreign keys, unique and check constraints.</param>
/// <param name="Indexes">The indexes that back no constraint.</param>
/// <param name="RenamedFrom">The table's previous name, from <c>[Table(RenamedFrom = …)]</c>.</param>
#if SCHEMA_GENERATOR
internal
#else
public
#endif
sealed record TableModel(
    string? Schema,
    string Name,
    IReadOnlyList<ColumnModel> Columns,
    IReadOnlyList<ConstraintModel> Constraints,
    IReadOnlyList<IndexModel> Indexes,
    string? RenamedFrom = null)
{
    /// <summary>The quoted, schema-qualified name used in SQL.</summary>
    public string QualifiedName => Sql.Qualify(Schema, Name);

    /// <summary>The primary key, if the table has one.</summary>
    public ConstraintModel? PrimaryKey
    {
        get
        {
            foreach (var constraint in Constraints)
            {
                if (constraint.Kind == ConstraintKind.PrimaryKey)
                {
                    return constraint;
                }
            }

            return null;
        }
    }

    /// <summary>The column named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The column.</returns>
    public ColumnModel? Column(string name)
    {
        foreach (var column in Columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }
}
