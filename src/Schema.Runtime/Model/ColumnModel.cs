namespace Schemata;

/// <summary>A column of a <see cref="TableModel"/>.</summary>
/// <param name="name">The column name.</param>
/// <param name="storeType">The PostgreSQL type as written in DDL.</param>
/// <param name="isNullable">Whether NULL is allowed.</param>
/// <param name="defaultSql">The default expression, if any.</param>
/// <param name="identity">Whether and how it is an identity column.</param>
/// <param name="renamedFrom">The previous column name from a rename hint, if any.</param>
public sealed class ColumnModel(string name, string storeType, bool isNullable, string? defaultSql = null, ColumnIdentity identity = ColumnIdentity.None, string? renamedFrom = null)
{
    /// <summary>The column name.</summary>
    public string Name { get; } = name;

    /// <summary>The PostgreSQL type as written in DDL, e.g. <c>varchar(200)</c>.</summary>
    public string StoreType { get; } = storeType;

    /// <summary>Whether NULL is allowed.</summary>
    public bool IsNullable { get; } = isNullable;

    /// <summary>The default expression, if any.</summary>
    public string? DefaultSql { get; } = defaultSql;

    /// <summary>Whether and how the column is an identity column.</summary>
    public ColumnIdentity Identity { get; } = identity;

    /// <summary>
    /// The column definition as used in <c>CREATE TABLE</c> and <c>ALTER TABLE … ADD COLUMN</c>: quoted name, type,
    /// <c>NOT NULL</c>, <c>DEFAULT</c>, identity.
    /// </summary>
    public string Definition { get; } = Sql.ColumnDefinition(name, storeType, isNullable, defaultSql, identity);

    /// <summary>The previous name of the column, from <c>[Column(RenamedFrom = …)]</c>.</summary>
    public string? RenamedFrom { get; } = renamedFrom;
}
