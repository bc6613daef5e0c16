using System.Collections.Generic;

namespace Schemata;

/// <summary>A table of the model, with the DDL of each of its parts.</summary>
/// <param name="schema">The PostgreSQL schema, or <see langword="null"/> for the current one.</param>
/// <param name="name">The table name.</param>
/// <param name="columns">The columns, in table order.</param>
/// <param name="constraints">The constraints, primary key first.</param>
/// <param name="indexes">The indexes.</param>
public sealed class TableModel(
    string? schema,
    string name,
    IReadOnlyList<ColumnModel> columns,
    IReadOnlyList<ConstraintModel> constraints,
    IReadOnlyList<IndexModel> indexes)
{
    /// <summary>The PostgreSQL schema, or <see langword="null"/> for the current one.</summary>
    public string? Schema { get; } = schema;

    /// <summary>The table name.</summary>
    public string Name { get; } = name;

    /// <summary>The quoted, schema-qualified name used in SQL.</summary>
    public string QualifiedName { get; } = Sql.Qualify(schema, name);

    /// <summary>The <c>CREATE TABLE</c> statement: the columns, then the primary key.</summary>
    public string CreateSql { get; } = Sql.CreateTable(Sql.Qualify(schema, name), columns, constraints);

    /// <summary>The columns, in table order.</summary>
    public IReadOnlyList<ColumnModel> Columns { get; } = columns;

    /// <summary>The constraints, primary key first, then foreign keys, unique and check constraints.</summary>
    public IReadOnlyList<ConstraintModel> Constraints { get; } = constraints;

    /// <summary>The indexes.</summary>
    public IReadOnlyList<IndexModel> Indexes { get; } = indexes;

    /// <summary>The <c>ALTER TABLE … ADD CONSTRAINT</c> statement for one of this table's constraints.</summary>
    /// <param name="constraint">The constraint.</param>
    /// <returns>The statement.</returns>
    public string AddConstraintSql(ConstraintModel constraint)
        => "ALTER TABLE " + QualifiedName + " ADD CONSTRAINT " + Sql.Quote(constraint.Name) + " " + constraint.Definition + ";";
}
