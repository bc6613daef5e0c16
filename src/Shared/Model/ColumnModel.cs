#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>A column of a <see cref="TableModel"/>.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The PostgreSQL type.</param>
/// <param name="IsNullable">Whether NULL is allowed.</param>
/// <param name="Default">The default expression, as SQL; <see langword="null"/> when none.</param>
/// <param name="Identity">Whether and how it is an identity column.</param>
/// <param name="RenamedFrom">The column's previous name, from <c>[Column(RenamedFrom = …)]</c>.</param>
#if SCHEMA_GENERATOR
internal
#else
public
#endif
sealed record ColumnModel(string Name, StoreType Type, bool IsNullable, string? Default = null, ColumnIdentity Identity = ColumnIdentity.None, string? RenamedFrom = null)
{
    /// <summary>The column as <c>CREATE TABLE</c> and <c>ADD COLUMN</c> define it: quoted name, type, <c>NOT NULL</c>, <c>DEFAULT</c>, identity.</summary>
    public string Definition => Ddl.ColumnDefinition(this);
}
