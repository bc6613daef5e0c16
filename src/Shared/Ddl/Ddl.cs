using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>
/// The one DDL writer. The generator renders <c>Schema.Script</c> with it and the runtime renders every statement an
/// apply runs with it, from the same typed model, so the two cannot disagree and nothing is parsed back. Every
/// identifier is quoted, every literal escaped; each method returns one complete statement.
/// </summary>
internal static class Ddl
{
    /// <summary>The statements that create the whole model in an empty database, in dependency order.</summary>
    /// <param name="schemas">Schemas the model uses besides the current one.</param>
    /// <param name="enums">Native enum types.</param>
    /// <param name="tables">Tables, in the order they are created.</param>
    /// <param name="grants">Grants.</param>
    /// <param name="currentSchema">The schema unqualified tables land in.</param>
    /// <returns>The statements.</returns>
    public static List<string> Script(
        IReadOnlyList<string> schemas, IReadOnlyList<EnumTypeModel> enums, IReadOnlyList<TableModel> tables, IReadOnlyList<GrantModel> grants, string currentSchema)
    {
        var statements = new List<string>();
        foreach (var schema in schemas)
        {
            statements.Add(CreateSchema(schema));
        }

        foreach (var type in enums)
        {
            statements.Add(CreateEnum(type));
        }

        foreach (var table in tables)
        {
            statements.Add(CreateTable(table));
        }

        foreach (var kind in new[] { ConstraintKind.ForeignKey, ConstraintKind.Unique, ConstraintKind.Check })
        {
            foreach (var table in tables)
            {
                foreach (var constraint in table.Constraints)
                {
                    if (constraint.Kind == kind)
                    {
                        statements.Add(AddConstraint(table.QualifiedName, constraint));
                    }
                }
            }
        }

        foreach (var table in tables)
        {
            foreach (var index in table.Indexes)
            {
                statements.Add(CreateIndex(table.QualifiedName, index));
            }
        }

        foreach (var target in GrantTargets(grants, tables, currentSchema))
        {
            statements.Add(Grant(target));
        }

        return statements;
    }

    // Types

    /// <summary>A store type as DDL writes it: <c>integer</c>, <c>varchar(200)</c>, <c>"priority"[]</c>.</summary>
    public static string TypeName(StoreType type)
    {
        var name = type.Schema is null && BuiltInTypes.Spelling(type.Name) is { } spelling ? spelling : Sql.Qualify(type.Schema, type.Name);
        if (type.Modifiers is not null)
        {
            name += "(" + type.Modifiers + ")";
        }

        return type.IsArray ? name + "[]" : name;
    }

    public static string CreateSchema(string schema) => "CREATE SCHEMA IF NOT EXISTS " + Sql.Quote(schema) + ";";

    public static string CreateEnum(EnumTypeModel type)
    {
        var labels = new List<string>(type.Values.Count);
        foreach (var value in type.Values)
        {
            labels.Add(Sql.Literal(value));
        }

        return "CREATE TYPE " + type.QualifiedName + " AS ENUM (" + string.Join(", ", labels) + ");";
    }

    /// <summary><c>ALTER TYPE … ADD VALUE</c>, placed after <paramref name="after"/> or, when that is null, before <paramref name="before"/>.</summary>
    public static string AddEnumValue(string qualifiedType, string value, string? after, string? before)
        => "ALTER TYPE " + qualifiedType + " ADD VALUE IF NOT EXISTS " + Sql.Literal(value)
            + (after is not null ? " AFTER " + Sql.Literal(after) : before is not null ? " BEFORE " + Sql.Literal(before) : string.Empty) + ";";

    public static string RenameType(string qualifiedType, string newName) => "ALTER TYPE " + qualifiedType + " RENAME TO " + Sql.Quote(newName) + ";";

    public static string DropType(string qualifiedType) => "DROP TYPE " + qualifiedType + ";";

    // Tables and columns

    /// <summary><c>CREATE TABLE</c> with the columns and the primary key; other constraints are added after every table exists.</summary>
    public static string CreateTable(TableModel table)
    {
        var lines = new List<string>(table.Columns.Count + 1);
        foreach (var column in table.Columns)
        {
            lines.Add(ColumnDefinition(column));
        }

        if (table.PrimaryKey is { } primaryKey)
        {
            lines.Add("CONSTRAINT " + Sql.Quote(primaryKey.Name) + " " + ConstraintDefinition(primaryKey));
        }

        return "CREATE TABLE " + table.QualifiedName + " (\n    " + string.Join(",\n    ", lines) + "\n);";
    }

    public static string ColumnDefinition(ColumnModel column)
    {
        var builder = new StringBuilder(Sql.Quote(column.Name)).Append(' ').Append(TypeName(column.Type));
        if (!column.IsNullable)
        {
            builder.Append(" NOT NULL");
        }

        if (column.Default is not null)
        {
            builder.Append(" DEFAULT ").Append(column.Default);
        }

        if (column.Identity != ColumnIdentity.None)
        {
            builder.Append(column.Identity == ColumnIdentity.Always ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
        }

        return builder.ToString();
    }

    public static string RenameTable(string qualifiedTable, string newName) => "ALTER TABLE " + qualifiedTable + " RENAME TO " + Sql.Quote(newName) + ";";

    public static string DropTable(string qualifiedTable) => "DROP TABLE " + qualifiedTable + ";";

    public static string AddColumn(string qualifiedTable, ColumnModel column) => "ALTER TABLE " + qualifiedTable + " ADD COLUMN " + ColumnDefinition(column) + ";";

    public static string DropColumn(string qualifiedTable, string column) => "ALTER TABLE " + qualifiedTable + " DROP COLUMN " + Sql.Quote(column) + ";";

    public static string RenameColumn(string qualifiedTable, string from, string to)
        => "ALTER TABLE " + qualifiedTable + " RENAME COLUMN " + Sql.Quote(from) + " TO " + Sql.Quote(to) + ";";

    /// <summary><c>ALTER COLUMN … TYPE</c>, converting each value with <paramref name="usingExpression"/>, or PostgreSQL's assignment cast when null.</summary>
    public static string AlterColumnType(string qualifiedTable, string column, StoreType type, string? usingExpression)
        => AlterColumn(qualifiedTable, column) + "TYPE " + TypeName(type) + (usingExpression is null ? string.Empty : " USING " + usingExpression) + ";";

    public static string SetDefault(string qualifiedTable, string column, string expression) => AlterColumn(qualifiedTable, column) + "SET DEFAULT " + expression + ";";

    public static string DropDefault(string qualifiedTable, string column) => AlterColumn(qualifiedTable, column) + "DROP DEFAULT;";

    public static string SetNotNull(string qualifiedTable, string column) => AlterColumn(qualifiedTable, column) + "SET NOT NULL;";

    public static string DropNotNull(string qualifiedTable, string column) => AlterColumn(qualifiedTable, column) + "DROP NOT NULL;";

    public static string AddIdentity(string qualifiedTable, string column, ColumnIdentity identity)
        => AlterColumn(qualifiedTable, column) + "ADD GENERATED " + IdentityKeyword(identity) + " AS IDENTITY;";

    public static string SetIdentity(string qualifiedTable, string column, ColumnIdentity identity)
        => AlterColumn(qualifiedTable, column) + "SET GENERATED " + IdentityKeyword(identity) + ";";

    public static string DropIdentity(string qualifiedTable, string column) => AlterColumn(qualifiedTable, column) + "DROP IDENTITY IF EXISTS;";

    /// <summary>
    /// One batch of a fill: sets <paramref name="column"/> to <paramref name="expression"/> on the rows matching
    /// <paramref name="where"/> in the blocks from <c>$1</c> up to <c>$2</c> (row positions, <c>ctid</c>s as text such as
    /// <c>(128,0)</c>), so a fill walks the table a range of blocks at a time, whatever order a scan would return rows
    /// in. Returns how many rows it changed, how many of those still match (a fill that leaves rows matching would
    /// never finish), the table's size in blocks now and its estimated rows per block.
    /// </summary>
    public static string FillBatch(string qualifiedTable, string column, string expression, string where)
        => "WITH batch AS (UPDATE " + qualifiedTable + " SET " + Sql.Quote(column) + " = " + expression
            + " WHERE ctid >= $1::tid AND ctid < $2::tid AND (" + where + ") RETURNING (" + where + ") AS left_over)"
            + " SELECT count(*), count(*) FILTER (WHERE left_over),"
            + " (SELECT pg_relation_size(" + Sql.Literal(qualifiedTable) + "::regclass) / current_setting('block_size')::bigint),"
            + " (SELECT CASE WHEN relpages > 0 AND reltuples > 0 THEN reltuples / relpages ELSE 0 END FROM pg_class WHERE oid = " + Sql.Literal(qualifiedTable) + "::regclass)::float8"
            + " FROM batch;";

    // Constraints

    /// <summary>The definition after <c>CONSTRAINT name</c>.</summary>
    public static string ConstraintDefinition(ConstraintModel constraint)
    {
        switch (constraint.Kind)
        {
            case ConstraintKind.PrimaryKey:
                return "PRIMARY KEY " + Columns(constraint.Columns);
            case ConstraintKind.Unique:
                return "UNIQUE " + Columns(constraint.Columns);
            case ConstraintKind.Check:
                return "CHECK (" + constraint.Expression + ")";
            default:
                var references = constraint.References!;
                var builder = new StringBuilder("FOREIGN KEY ").Append(Columns(constraint.Columns))
                    .Append(" REFERENCES ").Append(references.QualifiedTable).Append(' ').Append(Columns(references.Columns));
                if (references.OnDelete != ReferentialAction.NoAction)
                {
                    builder.Append(" ON DELETE ").Append(ActionKeyword(references.OnDelete));
                }

                if (references.OnUpdate != ReferentialAction.NoAction)
                {
                    builder.Append(" ON UPDATE ").Append(ActionKeyword(references.OnUpdate));
                }

                return builder.ToString();
        }
    }

    /// <summary>The expression of the check that keeps an enum stored as text to its values (an array column: every element).</summary>
    public static string AllowedValuesCheck(string column, IReadOnlyList<string> values, bool isArray)
    {
        var literals = new List<string>(values.Count);
        foreach (var value in values)
        {
            literals.Add(Sql.Literal(value));
        }

        var list = string.Join(", ", literals);
        return isArray ? Sql.Quote(column) + " <@ ARRAY[" + list + "]::text[]" : Sql.Quote(column) + " IN (" + list + ")";
    }

    /// <summary>
    /// <c>ADD CONSTRAINT</c>; with <paramref name="notValid"/> a foreign key or check is added without checking the rows
    /// already there (a short catalog change), to be validated later without blocking writers.
    /// </summary>
    public static string AddConstraint(string qualifiedTable, ConstraintModel constraint, bool notValid = false)
        => "ALTER TABLE " + qualifiedTable + " ADD CONSTRAINT " + Sql.Quote(constraint.Name) + " " + ConstraintDefinition(constraint) + (notValid ? " NOT VALID;" : ";");

    /// <summary>A primary key or unique constraint taken over from a unique index built beforehand (which it renames).</summary>
    public static string AddConstraintUsingIndex(string qualifiedTable, ConstraintModel constraint, string index)
        => "ALTER TABLE " + qualifiedTable + " ADD CONSTRAINT " + Sql.Quote(constraint.Name)
            + (constraint.Kind == ConstraintKind.PrimaryKey ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + Sql.Quote(index) + ";";

    /// <summary>A <c>CHECK (column IS NOT NULL) NOT VALID</c> helper, which lets a later <c>SET NOT NULL</c> skip its scan once validated.</summary>
    public static string AddNotNullCheck(string qualifiedTable, string name, string column)
        => "ALTER TABLE " + qualifiedTable + " ADD CONSTRAINT " + Sql.Quote(name) + " CHECK (" + Sql.Quote(column) + " IS NOT NULL) NOT VALID;";

    public static string ValidateConstraint(string qualifiedTable, string name) => "ALTER TABLE " + qualifiedTable + " VALIDATE CONSTRAINT " + Sql.Quote(name) + ";";

    public static string DropConstraint(string qualifiedTable, string name) => "ALTER TABLE " + qualifiedTable + " DROP CONSTRAINT " + Sql.Quote(name) + ";";

    public static string RenameConstraint(string qualifiedTable, string from, string to)
        => "ALTER TABLE " + qualifiedTable + " RENAME CONSTRAINT " + Sql.Quote(from) + " TO " + Sql.Quote(to) + ";";

    // Indexes

    /// <summary><c>CREATE INDEX</c>, <c>CONCURRENTLY</c> (outside any transaction, without blocking writers) when asked, optionally under another name.</summary>
    public static string CreateIndex(string qualifiedTable, IndexModel index, bool concurrently = false, string? name = null)
    {
        var builder = new StringBuilder(index.IsUnique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
        if (concurrently)
        {
            builder.Append("CONCURRENTLY ");
        }

        builder.Append(Sql.Quote(name ?? index.Name)).Append(" ON ").Append(qualifiedTable);
        if (index.Method != "btree")
        {
            builder.Append(" USING ").Append(index.Method);
        }

        builder.Append(' ').Append(Columns(index.Columns));
        if (index.Filter is not null)
        {
            builder.Append(" WHERE ").Append(index.Filter);
        }

        return builder.Append(';').ToString();
    }

    public static string DropIndex(string qualifiedIndex, bool concurrently = false)
        => (concurrently ? "DROP INDEX CONCURRENTLY IF EXISTS " : "DROP INDEX ") + qualifiedIndex + ";";

    public static string RenameIndex(string qualifiedIndex, string newName) => "ALTER INDEX " + qualifiedIndex + " RENAME TO " + Sql.Quote(newName) + ";";

    // Grants

    /// <summary>
    /// Expands grants into one target per object, in the order they are granted: for a model-wide grant, usage and
    /// default privileges (tables, sequences) on each schema of the model's tables, then each table and the sequence of
    /// each of its identity columns; for a table grant, that table and its identity sequences. Identity columns need
    /// no sequence privilege to insert; the sequence grant lets the role read it (<c>currval</c>, <c>setval</c> for
    /// a reset), the way the role would expect from a serial column.
    /// </summary>
    /// <param name="grants">The model's grants.</param>
    /// <param name="tables">The model's tables.</param>
    /// <param name="currentSchema">The schema unqualified tables land in.</param>
    /// <param name="sequenceOf">The name of an identity column's sequence: the catalog's, or the one PostgreSQL will choose.</param>
    public static List<GrantTarget> GrantTargets(IReadOnlyList<GrantModel> grants, IReadOnlyList<TableModel> tables, string currentSchema, Func<TableModel, ColumnModel, string>? sequenceOf = null)
    {
        sequenceOf ??= (table, column) => Names.IdentitySequence(table.Name, column.Name);
        var targets = new List<GrantTarget>();
        foreach (var grant in grants)
        {
            if (grant.IsModelWide)
            {
                var schemas = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var table in tables)
                {
                    schemas.Add(table.Schema ?? currentSchema);
                }

                foreach (var schema in schemas)
                {
                    targets.Add(new GrantTarget(GrantObject.SchemaUsage, grant.Role, 0, schema, null));
                    targets.Add(new GrantTarget(GrantObject.FutureTables, grant.Role, grant.Privileges, schema, null));
                    targets.Add(new GrantTarget(GrantObject.FutureSequences, grant.Role, 0, schema, null));
                }
            }

            foreach (var table in tables)
            {
                if (grant.IsModelWide || (table.Name == grant.Table && table.Schema == grant.Schema))
                {
                    targets.Add(new GrantTarget(GrantObject.Table, grant.Role, grant.Privileges, table.Schema, table.Name));
                    foreach (var column in table.Columns)
                    {
                        if (column.Identity != ColumnIdentity.None)
                        {
                            targets.Add(new GrantTarget(GrantObject.Sequence, grant.Role, 0, table.Schema, sequenceOf(table, column)));
                        }
                    }
                }
            }
        }

        return targets;
    }

    public static string Grant(GrantTarget target) => Privileges(target, "GRANT", "TO");

    public static string Revoke(GrantTarget target) => Privileges(target, "REVOKE", "FROM");

    /// <summary>A <c>GRANT … TO</c> or <c>REVOKE … FROM</c> of <paramref name="target"/>'s privileges.</summary>
    private static string Privileges(GrantTarget target, string verb, string preposition)
    {
        var role = " " + preposition + " " + Sql.Quote(target.Role) + ";";
        return target.Object switch
        {
            GrantObject.SchemaUsage => verb + " USAGE ON SCHEMA " + Sql.Quote(target.Schema!) + role,
            GrantObject.FutureTables => "ALTER DEFAULT PRIVILEGES IN SCHEMA " + Sql.Quote(target.Schema!) + " " + verb + " " + PrivilegeList(target.Privileges) + " ON TABLES" + role,
            GrantObject.FutureSequences => "ALTER DEFAULT PRIVILEGES IN SCHEMA " + Sql.Quote(target.Schema!) + " " + verb + " USAGE, SELECT ON SEQUENCES" + role,
            GrantObject.Sequence => verb + " USAGE, SELECT ON SEQUENCE " + Sql.Qualify(target.Schema, target.Table!) + role,
            _ => verb + " " + PrivilegeList(target.Privileges) + " ON TABLE " + Sql.Qualify(target.Schema, target.Table!) + role,
        };
    }

    /// <summary>The privileges in the order PostgreSQL lists them: <c>SELECT, INSERT, UPDATE, DELETE</c>.</summary>
    public static string PrivilegeList(TablePrivileges privileges)
    {
        var names = new List<string>(4);
        if ((privileges & TablePrivileges.Select) != 0)
        {
            names.Add("SELECT");
        }

        if ((privileges & TablePrivileges.Insert) != 0)
        {
            names.Add("INSERT");
        }

        if ((privileges & TablePrivileges.Update) != 0)
        {
            names.Add("UPDATE");
        }

        if ((privileges & TablePrivileges.Delete) != 0)
        {
            names.Add("DELETE");
        }

        return string.Join(", ", names);
    }

    private static string AlterColumn(string qualifiedTable, string column) => "ALTER TABLE " + qualifiedTable + " ALTER COLUMN " + Sql.Quote(column) + " ";

    private static string Columns(IReadOnlyList<string> columns)
    {
        var quoted = new string[columns.Count];
        for (var i = 0; i < quoted.Length; i++)
        {
            quoted[i] = Sql.Quote(columns[i]);
        }

        return "(" + string.Join(", ", quoted) + ")";
    }

    private static string IdentityKeyword(ColumnIdentity identity) => identity == ColumnIdentity.Always ? "ALWAYS" : "BY DEFAULT";

    private static string ActionKeyword(ReferentialAction action) => action switch
    {
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };

    /// <summary>An integer as SQL writes it.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
