using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>A column as the catalog holds it: its type as parts, not as rendered text.</summary>
internal sealed record CatalogColumn(string Name, StoreType Type, bool NotNull, string? Default, ColumnIdentity Identity, bool IsGenerated, string? IdentitySequence);

/// <summary>
/// A constraint as the catalog holds it. <see cref="Kind"/> is null for kinds the model never makes (exclusion
/// constraints); <see cref="Definition"/> is a check's <c>pg_get_constraintdef</c>, kept to compare its expression with
/// the rendering recorded when the model's was created.
/// </summary>
internal sealed record CatalogConstraint(string Name, ConstraintKind? Kind, IReadOnlyList<string> Columns, bool IsValid, string? Definition, ForeignKeyReference? References);

/// <summary>
/// An index that backs no constraint; <see cref="Columns"/> holds an empty name for an expression, <see cref="Predicate"/>
/// is <c>pg_get_expr</c> of a partial index's predicate.
/// </summary>
internal sealed record CatalogIndex(string Name, bool IsUnique, string Method, IReadOnlyList<string> Columns, string? Predicate, bool IsValid);

/// <summary>A table with its columns (in order), constraints, indexes, size and privileges.</summary>
internal sealed class CatalogTable(string schema, string name)
{
    public string Schema { get; } = schema;

    public string Name { get; } = name;

    public string QualifiedName => Sql.Qualify(Schema, Name);

    public List<CatalogColumn> Columns { get; } = [];

    public Dictionary<string, CatalogConstraint> Constraints { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a check constraint is named as the helper of an online <c>SET NOT NULL</c>: only then does the planner look for one per column.</summary>
    public bool HasNotNullHelpers { get; set; }

    public Dictionary<string, CatalogIndex> Indexes { get; } = new(StringComparer.Ordinal);

    /// <summary>The planner's row estimate (<c>pg_class.reltuples</c>); -1 when the table was never analyzed.</summary>
    public long EstimatedRows { get; set; }

    /// <summary>The table's estimated size on disk without indexes and TOAST (<c>pg_class.relpages</c>); <see langword="null"/> when the table was never analyzed.</summary>
    public long? SizeBytes { get; set; }

    /// <summary>Privileges on the table, by grantee role.</summary>
    public Dictionary<string, TablePrivileges> Privileges { get; } = new(StringComparer.Ordinal);

    /// <summary>Column names by attribute number, for constraint and index keys.</summary>
    public Dictionary<short, string> ColumnNumbers { get; } = [];

    public CatalogColumn? Column(string name) => Columns.Find(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>The column an attribute number of a key names; an expression (number 0) or an unknown number is an empty name.</summary>
    public string ColumnOf(short number) => ColumnNumbers.GetValueOrDefault(number) ?? string.Empty;
}

/// <summary>
/// What a database holds, read from pg_catalog (never information_schema, which is far slower) in one round trip of a
/// fixed number of queries, whatever the size: schemas, roles, enum types with their labels, tables with columns,
/// constraints, indexes, sizes and privileges, schema usage and default privileges.
/// </summary>
/// <remarks>
/// The queries open no table: sizes come from <c>pg_class</c> rather than <c>pg_relation_size</c>, and defaults are
/// deparsed without their table (they cannot name a column), so the read neither waits behind a lock another session
/// holds on a table nor builds a relation cache entry for each of thousands of tables. Only check constraints, partial
/// index predicates and generated columns, which name columns, are deparsed with their table. The identity sequence is
/// a join rather than a subquery per column, whose estimate made PostgreSQL compile the query with LLVM (40 ms at
/// 1,000 tables).
/// </remarks>
internal sealed class Catalog
{
    private const string UserObjects = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

    private static readonly string[] Queries =
    [
        "SELECT current_schema(), current_user",
        "SELECT nspname FROM pg_namespace",
        "SELECT rolname FROM pg_roles",
        $"""
        SELECT n.nspname, t.typname, e.enumlabel::text
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE {UserObjects}
        ORDER BY n.nspname, t.typname, e.enumsortorder
        """,
        $"""
        SELECT c.oid, n.nspname, c.relname, c.reltuples::bigint, CASE WHEN c.reltuples >= 0 THEN c.relpages::bigint * current_setting('block_size')::bigint END
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND {UserObjects}
        """,
        $"""
        SELECT c.oid, COALESCE(r.rolname, 'PUBLIC'), x.privilege_type
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) x LEFT JOIN pg_roles r ON r.oid = x.grantee
        WHERE c.relkind IN ('r', 'p') AND {UserObjects}
        """,
        $"""
        SELECT c.oid, a.attnum, a.attname, COALESCE(et.typname, t.typname), COALESCE(etn.nspname, tn.nspname), et.oid IS NOT NULL,
               a.atttypmod, CASE WHEN a.atttypmod >= 0 THEN format_type(a.atttypid, a.atttypmod) END, a.attnotnull,
               pg_get_expr(d.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END), a.attidentity::text, a.attgenerated::text, seq.relname
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_type t ON t.oid = a.atttypid
        JOIN pg_namespace tn ON tn.oid = t.typnamespace
        LEFT JOIN pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
        LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
        LEFT JOIN (SELECT dep.refobjid, dep.refobjsubid, s.relname FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
                   WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass AND dep.deptype = 'i') seq
               ON a.attidentity <> '' AND seq.refobjid = c.oid AND seq.refobjsubid = a.attnum
        WHERE c.relkind IN ('r', 'p') AND {UserObjects}
        ORDER BY c.oid, a.attnum
        """,
        // Key columns come as attribute numbers in text ("1 2"), in key order: no array is read.
        $"""
        SELECT k.conrelid, k.conname, k.contype::text, CASE WHEN k.contype = 'c' THEN pg_get_constraintdef(k.oid) END, k.convalidated,
               fn.nspname, fc.relname, k.confrelid, k.confdeltype::text, k.confupdtype::text, array_to_string(k.conkey, ' '), array_to_string(k.confkey, ' ')
        FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class fc ON fc.oid = k.confrelid
        LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
        WHERE k.contype IN ('p', 'f', 'u', 'c', 'x') AND {UserObjects}
        """,
        $"""
        SELECT i.indrelid, ic.relname, i.indisunique, am.amname, CASE WHEN i.indpred IS NOT NULL THEN pg_get_expr(i.indpred, i.indrelid) END, i.indisvalid AND i.indisready, i.indkey::text
        FROM pg_class t
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_index i ON i.indrelid = t.oid
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_am am ON am.oid = ic.relam
        WHERE t.relkind IN ('r', 'p') AND {UserObjects}
          AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid)
        """,
        $"""
        SELECT n.nspname, r.rolname
        FROM pg_namespace n, aclexplode(n.nspacl) x JOIN pg_roles r ON r.oid = x.grantee
        WHERE x.privilege_type = 'USAGE' AND {UserObjects}
        """,
        """
        SELECT n.nspname, r.rolname, a.defaclobjtype::text, x.privilege_type
        FROM pg_default_acl a JOIN pg_namespace n ON n.oid = a.defaclnamespace, aclexplode(a.defaclacl) x JOIN pg_roles r ON r.oid = x.grantee
        WHERE a.defaclobjtype IN ('r', 'S') AND a.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
        """,
        $"""
        SELECT n.nspname, c.relname, r.rolname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) x JOIN pg_roles r ON r.oid = x.grantee
        WHERE c.relkind = 'S' AND {UserObjects}
        GROUP BY n.nspname, c.relname, r.rolname
        HAVING bool_or(x.privilege_type = 'USAGE') AND bool_or(x.privilege_type = 'SELECT')
        """,
    ];

    private readonly HashSet<string> _schemas = new(StringComparer.Ordinal);
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Schema, string Name), List<string>> _enums = [];
    private readonly Dictionary<(string Schema, string Name), CatalogTable> _tables = [];
    private readonly Dictionary<uint, CatalogTable> _byOid = [];
    private readonly HashSet<(string Schema, string Role)> _schemaUsage = [];
    private readonly Dictionary<(string Schema, string Role), TablePrivileges> _futureTables = [];
    private readonly HashSet<(string Schema, string Role)> _futureSequences = [];
    private readonly HashSet<(string Schema, string Sequence, string Role)> _sequenceUsage = [];

    public string CurrentSchema { get; private set; } = "public";

    /// <summary>The role running the apply: default privileges are set for tables it creates.</summary>
    public string CurrentUser { get; private set; } = string.Empty;

    public string SchemaOf(string? schema) => schema ?? CurrentSchema;

    public bool HasSchema(string schema) => _schemas.Contains(schema);

    public bool HasRole(string role) => _roles.Contains(role);

    public IReadOnlyList<string>? EnumLabels(string? schema, string name) => _enums.GetValueOrDefault((SchemaOf(schema), name));

    public IEnumerable<(string Schema, string Name)> EnumTypes => _enums.Keys;

    public CatalogTable? Table(string? schema, string table) => _tables.GetValueOrDefault((SchemaOf(schema), table));

    public IEnumerable<CatalogTable> Tables => _tables.Values;

    /// <summary>The grants of <paramref name="model"/> as targets, naming each identity column's sequence as the catalog does (or will).</summary>
    public List<GrantTarget> GrantTargets(SchemaModel model)
        => Ddl.GrantTargets(model.Grants, model.Tables, CurrentSchema, (table, column) => Table(table.Schema, table.Name)?.Column(column.Name)?.IdentitySequence ?? Names.IdentitySequence(table.Name, column.Name));

    /// <summary>Whether <paramref name="target"/> is in effect: the role holds at least the privileges it grants.</summary>
    public bool IsGranted(GrantTarget target)
    {
        var schema = SchemaOf(target.Schema);
        return target.Object switch
        {
            GrantObject.SchemaUsage => _schemaUsage.Contains((schema, target.Role)),
            GrantObject.FutureTables => (_futureTables.GetValueOrDefault((schema, target.Role)) & target.Privileges) == target.Privileges,
            GrantObject.FutureSequences => _futureSequences.Contains((schema, target.Role)),
            GrantObject.Sequence => _sequenceUsage.Contains((schema, target.Table!, target.Role)),
            _ => Table(target.Schema, target.Table!) is { } table && (table.Privileges.GetValueOrDefault(target.Role) & target.Privileges) == target.Privileges,
        };
    }

    public static async ValueTask<Catalog> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        await using var batchScope = batch.ConfigureAwait(false);
        foreach (var query in Queries)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(query));
        }

        var catalog = new Catalog();
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog.CurrentSchema = reader.IsDBNull(0) ? "public" : reader.GetString(0);
            catalog.CurrentUser = reader.GetString(1);
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog._schemas.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog._roles.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (!catalog._enums.TryGetValue(key, out var labels))
            {
                catalog._enums[key] = labels = [];
            }

            labels.Add(reader.GetString(2));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = new CatalogTable(reader.GetString(1), reader.GetString(2))
            {
                EstimatedRows = reader.GetInt64(3),
                SizeBytes = reader.IsDBNull(4) ? null : reader.GetInt64(4),
            };
            catalog._tables[(table.Schema, table.Name)] = table;
            catalog._byOid[reader.GetFieldValue<uint>(0)] = table;
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = catalog._byOid[reader.GetFieldValue<uint>(0)];
            var role = reader.GetString(1);
            table.Privileges[role] = table.Privileges.GetValueOrDefault(role) | Privilege(reader.GetString(2));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = catalog._byOid[reader.GetFieldValue<uint>(0)];
            var typeName = reader.GetString(3);
            var typeSchema = reader.GetString(4);
            var typmod = reader.GetInt32(6);
            var type = new StoreType(
                typeName,
                typeSchema == "pg_catalog" ? null : typeSchema,
                typmod < 0 ? null : Modifiers(typeName, typmod, reader.GetString(7)),
                reader.GetBoolean(5));
            var identity = reader.GetString(10) switch { "a" => ColumnIdentity.Always, "d" => ColumnIdentity.ByDefault, _ => ColumnIdentity.None };
            var name = reader.GetString(2);
            table.ColumnNumbers[reader.GetInt16(1)] = name;
            table.Columns.Add(new CatalogColumn(
                name, type, reader.GetBoolean(8), reader.IsDBNull(9) ? null : reader.GetString(9), identity, reader.GetString(11).Length > 0, reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = catalog._byOid[reader.GetFieldValue<uint>(0)];
            var name = reader.GetString(1);
            var kind = reader.GetString(2) switch
            {
                "p" => ConstraintKind.PrimaryKey,
                "f" => ConstraintKind.ForeignKey,
                "u" => ConstraintKind.Unique,
                "c" => ConstraintKind.Check,
                _ => (ConstraintKind?)null,
            };
            ForeignKeyReference? references = null;
            if (kind == ConstraintKind.ForeignKey)
            {
                var referenced = catalog._byOid.GetValueOrDefault(reader.GetFieldValue<uint>(7));
                references = new ForeignKeyReference(
                    reader.GetString(5), reader.GetString(6), ColumnsOf(referenced, reader, 11), Action(reader.GetString(8)), Action(reader.GetString(9)));
            }

            table.Constraints[name] = new CatalogConstraint(name, kind, ColumnsOf(table, reader, 10), reader.GetBoolean(4), reader.IsDBNull(3) ? null : reader.GetString(3), references);
            table.HasNotNullHelpers |= kind == ConstraintKind.Check && name.StartsWith(Names.NotNullHelperPrefix, StringComparison.Ordinal);
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = catalog._byOid[reader.GetFieldValue<uint>(0)];
            var name = reader.GetString(1);
            table.Indexes[name] = new CatalogIndex(
                name, reader.GetBoolean(2), reader.GetString(3), ColumnsOf(table, reader, 6), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog._schemaUsage.Add((reader.GetString(0), reader.GetString(1)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var futureSequenceRights = new Dictionary<(string Schema, string Role), int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            var privilege = reader.GetString(3);
            if (reader.GetString(2) == "r")
            {
                catalog._futureTables[key] = catalog._futureTables.GetValueOrDefault(key) | Privilege(privilege);
            }
            else if (privilege is "USAGE" or "SELECT")
            {
                futureSequenceRights[key] = futureSequenceRights.GetValueOrDefault(key) | (privilege == "USAGE" ? 1 : 2);
            }
        }

        foreach (var (key, rights) in futureSequenceRights)
        {
            if (rights == 3)
            {
                catalog._futureSequences.Add(key);
            }
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            catalog._sequenceUsage.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return catalog;
    }

    /// <summary>
    /// The columns a key names, from its attribute numbers as text (<c>"2 1"</c>), in key order; an expression (number 0)
    /// or a column of a table not read is an empty name.
    /// </summary>
    internal static List<string> ColumnsOf(CatalogTable? table, NpgsqlDataReader reader, int ordinal)
    {
        var columns = new List<string>();
        if (reader.IsDBNull(ordinal))
        {
            return columns;
        }

        var numbers = reader.GetString(ordinal).AsSpan();
        foreach (var range in numbers.Split(' '))
        {
            var number = numbers[range];
            if (number.Length > 0)
            {
                columns.Add(table?.ColumnOf(short.Parse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)) ?? string.Empty);
            }
        }

        return columns;
    }

    /// <summary>
    /// The type modifiers of a column as a <see cref="StoreType"/> holds them, decoded from <c>atttypmod</c> for the
    /// types the model writes; for any other type with modifiers, the part of PostgreSQL's rendering between the
    /// parentheses (extension types format their own).
    /// </summary>
    internal static string? Modifiers(string typeName, int typmod, string rendered)
    {
        if (typmod < 0)
        {
            return null;
        }

        switch (typeName)
        {
            case "varchar":
            case "bpchar":
                return Number(typmod - 4);
            case "numeric":
                var value = typmod - 4;
                return Number((value >> 16) & 0xFFFF) + "," + Number(value & 0xFFFF);
            case "timestamp":
            case "timestamptz":
            case "time":
            case "timetz":
            case "bit":
            case "varbit":
                return Number(typmod);
            case "interval" when (typmod >> 16) == 0x7FFF:
                return (typmod & 0xFFFF) == 0xFFFF ? null : Number(typmod & 0xFFFF);
        }

        var open = rendered.IndexOf('(', StringComparison.Ordinal);
        var close = rendered.LastIndexOf(')');
        return open >= 0 && close > open ? rendered[(open + 1)..close].Replace(" ", string.Empty, StringComparison.Ordinal) : null;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static TablePrivileges Privilege(string name) => name switch
    {
        "SELECT" => TablePrivileges.Select,
        "INSERT" => TablePrivileges.Insert,
        "UPDATE" => TablePrivileges.Update,
        "DELETE" => TablePrivileges.Delete,
        _ => 0,
    };

    private static ReferentialAction Action(string code) => code switch
    {
        "r" => ReferentialAction.Restrict,
        "c" => ReferentialAction.Cascade,
        "n" => ReferentialAction.SetNull,
        "d" => ReferentialAction.SetDefault,
        _ => ReferentialAction.NoAction,
    };
}
