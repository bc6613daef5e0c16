using System;
using System.Collections.Generic;
using System.Linq;

namespace Schemata;

/// <summary>
/// Compares the model with the catalog and lists the changes that make the database match, in dependency order, so
/// that on an empty database the plan is exactly <see cref="SchemaModel.Script"/>. Pure: it reads nothing itself;
/// which columns hold NULLs is asked for through <see cref="NullChecks"/> and answered on a second pass.
/// </summary>
internal sealed class ApplyPlanner
{
    private const string DroppedTableReason = "the table and every row in it would be lost";
    private const string DroppedColumnReason = "the column's data would be lost";
    private const string DroppedConstraintReason = "the model no longer declares it, so the database would stop enforcing it";
    private const string DroppedIndexReason = "the model no longer declares it; queries relying on it would slow down";
    private const string DroppedEnumReason = "the model no longer declares the type";

    private readonly SchemaModel _model;
    private readonly Catalog _catalog;
    private readonly Manifest? _recorded;
    private readonly IReadOnlySet<(string Table, string Column)>? _columnsWithNulls;

    private readonly List<SchemaChange> _first = [];
    private readonly List<SchemaChange> _schemas = [];
    private readonly List<SchemaChange> _types = [];
    private readonly List<SchemaChange> _drops = [];
    private readonly List<SchemaChange> _dropColumns = [];
    private readonly List<SchemaChange> _tables = [];
    private readonly List<SchemaChange> _columns = [];
    private readonly List<SchemaChange> _primaryKeys = [];
    private readonly List<SchemaChange> _constraints = [];
    private readonly List<SchemaChange> _indexes = [];
    private readonly List<SchemaChange> _dropTables = [];
    private readonly List<SchemaChange> _revokes = [];
    private readonly List<SchemaChange> _dropTypes = [];

    private ApplyPlanner(SchemaModel model, Catalog catalog, Manifest? recorded, IReadOnlySet<(string Table, string Column)>? columnsWithNulls)
    {
        _model = model;
        _catalog = catalog;
        _recorded = recorded;
        _columnsWithNulls = columnsWithNulls;
    }

    /// <summary>Columns that become NOT NULL: (qualified table, column) pairs whose NULLs must be counted before planning.</summary>
    public List<(string Table, string Column)> NullChecks { get; } = [];

    public static ApplyPlanner Create(SchemaModel model, Catalog catalog, Manifest? recorded, IReadOnlySet<(string Table, string Column)>? columnsWithNulls)
    {
        var planner = new ApplyPlanner(model, catalog, recorded, columnsWithNulls);
        planner.Run();
        return planner;
    }

    public List<SchemaChange> Changes()
    {
        var changes = new List<SchemaChange>();
        foreach (var group in new[] { _first, _schemas, _types, _drops, _dropColumns, _tables, _columns, _primaryKeys, _constraints, _indexes, _revokes, _dropTables, _dropTypes })
        {
            changes.AddRange(group);
        }

        // Grants not in effect, always; with other changes also the sequence grants, which cover new sequences only
        // when run again after them.
        changes.AddRange(Grants(includeSequenceGrants: changes.Count > 0));
        return changes;
    }

    private void Run()
    {
        foreach (var schema in _model.Schemas)
        {
            if (!_catalog.HasSchema(schema))
            {
                _schemas.Add(new SchemaChange("create schema " + schema, ["CREATE SCHEMA IF NOT EXISTS " + Sql.Quote(schema) + ";"]));
            }
        }

        foreach (var type in _model.Enums)
        {
            PlanEnum(type);
        }

        var created = new HashSet<TableModel>();
        foreach (var table in _model.Tables)
        {
            var existing = _catalog.Table(table.Schema, table.Name);
            if (existing is null)
            {
                _tables.Add(new SchemaChange("create table " + Display(table.Schema, table.Name), [table.CreateSql]));
                created.Add(table);
            }
            else
            {
                PlanColumns(table, existing);
            }
        }

        foreach (var kind in new[] { ConstraintKind.ForeignKey, ConstraintKind.Unique, ConstraintKind.Check })
        {
            foreach (var table in _model.Tables.Where(created.Contains))
            {
                foreach (var constraint in table.Constraints.Where(c => c.Kind == kind))
                {
                    _constraints.Add(new SchemaChange($"add constraint {constraint.Name} on {Display(table.Schema, table.Name)}", [table.AddConstraintSql(constraint)]));
                }
            }
        }

        foreach (var table in _model.Tables.Where(t => !created.Contains(t)))
        {
            PlanConstraints(table, _catalog.Table(table.Schema, table.Name)!);
        }

        foreach (var table in _model.Tables)
        {
            var existing = created.Contains(table) ? null : _catalog.Table(table.Schema, table.Name);
            PlanIndexes(table, existing);
        }

        PlanDroppedTablesAndTypes();
        PlanRevokedGrants();
    }

    private void PlanEnum(EnumTypeModel type)
    {
        var name = Sql.Qualify(type.Schema, type.Name);
        var labels = _catalog.EnumLabels(type.Schema, type.Name);
        if (labels is null)
        {
            _types.Add(new SchemaChange("create type " + Display(type.Schema, type.Name), [type.CreateSql]));
            return;
        }

        var removed = labels.Where(l => !type.Values.Contains(l, StringComparer.Ordinal)).ToList();
        if (removed.Count == 0)
        {
            for (var i = 0; i < type.Values.Count; i++)
            {
                var value = type.Values[i];
                if (labels.Contains(value, StringComparer.Ordinal))
                {
                    continue;
                }

                var position = i > 0 ? " AFTER " + Sql.Literal(type.Values[i - 1]) : labels.Count > 0 ? " BEFORE " + Sql.Literal(labels[0]) : string.Empty;
                _first.Add(new SchemaChange(
                    $"add value '{value}' to type {Display(type.Schema, type.Name)}",
                    [$"ALTER TYPE {name} ADD VALUE IF NOT EXISTS {Sql.Literal(value)}{position};"],
                    runsFirst: true));
            }

            return;
        }

        // PostgreSQL cannot remove an enum value: rebuild the type and convert every column that uses it.
        var old = Sql.Qualify(type.Schema, type.Name + "_old");
        var statements = new List<string> { $"ALTER TYPE {name} RENAME TO {Sql.Quote(type.Name + "_old")};", type.CreateSql };
        foreach (var table in _catalog.Tables)
        {
            foreach (var column in table.Columns)
            {
                var isArray = column.Type.EndsWith("[]", StringComparison.Ordinal);
                if (!StoreTypes.Same(name, isArray ? column.Type[..^2] : column.Type))
                {
                    continue;
                }

                var qualified = Sql.Qualify(table.Schema, table.Name);
                var target = isArray ? name + "[]" : name;
                if (column.Default is not null)
                {
                    statements.Add($"ALTER TABLE {qualified} ALTER COLUMN {Sql.Quote(column.Name)} DROP DEFAULT;");
                }

                statements.Add($"ALTER TABLE {qualified} ALTER COLUMN {Sql.Quote(column.Name)} TYPE {target} USING {Sql.Quote(column.Name)}::text{(isArray ? "[]" : string.Empty)}::{target};");
                if (column.Default is not null)
                {
                    statements.Add($"ALTER TABLE {qualified} ALTER COLUMN {Sql.Quote(column.Name)} SET DEFAULT {column.Default};");
                }
            }
        }

        statements.Add($"DROP TYPE {old};");
        _types.Add(new SchemaChange(
            $"remove value(s) {string.Join(", ", removed.Select(r => "'" + r + "'"))} from type {Display(type.Schema, type.Name)}",
            statements,
            "rows holding a removed value cannot be converted, and the value is gone"));
    }

    private void PlanColumns(TableModel table, CatalogTable existing)
    {
        var renamedFrom = new HashSet<string>(StringComparer.Ordinal);
        var display = Display(table.Schema, table.Name);
        foreach (var column in table.Columns)
        {
            var current = existing.Column(column.Name);
            if (current is null && column.RenamedFrom is { } previous && existing.Column(previous) is { } old
                && !table.Columns.Any(c => string.Equals(c.Name, previous, StringComparison.Ordinal)))
            {
                _columns.Add(new SchemaChange(
                    $"rename column {display}.{previous} to {column.Name}",
                    [$"ALTER TABLE {table.QualifiedName} RENAME COLUMN {Sql.Quote(previous)} TO {Sql.Quote(column.Name)};"]));
                renamedFrom.Add(previous);
                current = old with { Name = column.Name };
            }

            if (current is null)
            {
                _columns.Add(new SchemaChange($"add column {display}.{column.Name}", [$"ALTER TABLE {table.QualifiedName} ADD COLUMN {column.Definition};"]));
                continue;
            }

            PlanColumnChange(table, column, current);
        }

        foreach (var column in existing.Columns)
        {
            if (!renamedFrom.Contains(column.Name) && !table.Columns.Any(c => string.Equals(c.Name, column.Name, StringComparison.Ordinal)))
            {
                _dropColumns.Add(new SchemaChange(
                    $"drop column {display}.{column.Name}",
                    [$"ALTER TABLE {table.QualifiedName} DROP COLUMN {Sql.Quote(column.Name)};"],
                    DroppedColumnReason));
            }
        }
    }

    private void PlanColumnChange(TableModel table, ColumnModel column, CatalogColumn current)
    {
        var alter = $"ALTER TABLE {table.QualifiedName} ALTER COLUMN {Sql.Quote(column.Name)} ";
        var display = $"{Display(table.Schema, table.Name)}.{column.Name}";
        if (!StoreTypes.Same(column.StoreType, current.Type))
        {
            var widening = StoreTypes.IsWidening(current.Type, column.StoreType);
            _columns.Add(new SchemaChange(
                $"change type of {display} from {current.Type} to {StoreTypes.Normalize(column.StoreType)}",
                [alter + $"TYPE {column.StoreType} USING {Sql.Quote(column.Name)}::{column.StoreType};"],
                widening ? null : "a narrowing type change can cut or reject existing values"));
        }

        if (column.Identity == ColumnIdentity.None && current.Identity == '\0' && !DefaultExpressions.Same(column.DefaultSql, current.Default))
        {
            _columns.Add(column.DefaultSql is null
                ? new SchemaChange($"drop default of {display}", [alter + "DROP DEFAULT;"])
                : new SchemaChange($"set default of {display} to {column.DefaultSql}", [alter + $"SET DEFAULT {column.DefaultSql};"]));
        }

        if (column.IsNullable && current.NotNull)
        {
            _columns.Add(new SchemaChange($"allow NULL in {display}", [alter + "DROP NOT NULL;"]));
        }
        else if (!column.IsNullable && !current.NotNull)
        {
            var key = (table.QualifiedName, column.Name);
            if (_columnsWithNulls is null)
            {
                NullChecks.Add(key);
            }

            var hasNulls = _columnsWithNulls?.Contains(key) == true;
            var statements = new List<string>();
            if (hasNulls && column.DefaultSql is not null)
            {
                statements.Add($"UPDATE {table.QualifiedName} SET {Sql.Quote(column.Name)} = {column.DefaultSql} WHERE {Sql.Quote(column.Name)} IS NULL;");
            }

            statements.Add(alter + "SET NOT NULL;");
            _columns.Add(new SchemaChange(
                $"make {display} NOT NULL",
                statements,
                hasNulls ? (column.DefaultSql is null ? "the column holds NULLs, and the model gives no default to replace them" : "the column holds NULLs, which would be overwritten with the default") : null));
        }

        var identity = current.Identity switch { 'd' => ColumnIdentity.ByDefault, 'a' => ColumnIdentity.Always, _ => ColumnIdentity.None };
        if (identity != column.Identity)
        {
            var kind = column.Identity == ColumnIdentity.Always ? "ALWAYS" : "BY DEFAULT";
            _columns.Add(new SchemaChange(
                $"make {display} {(column.Identity == ColumnIdentity.None ? "no identity" : "identity " + kind.ToLowerInvariant())}",
                [identity == ColumnIdentity.None ? alter + $"ADD GENERATED {kind} AS IDENTITY;"
                    : column.Identity == ColumnIdentity.None ? alter + "DROP IDENTITY IF EXISTS;"
                    : alter + $"SET GENERATED {kind};"]));
        }
    }

    private void PlanConstraints(TableModel table, CatalogTable existing)
    {
        var display = Display(table.Schema, table.Name);
        var schema = _catalog.SchemaOf(table.Schema);
        foreach (var constraint in table.Constraints)
        {
            var target = constraint.Kind == ConstraintKind.PrimaryKey ? _primaryKeys : _constraints;
            if (!existing.Constraints.TryGetValue(constraint.Name, out var current))
            {
                target.Add(new SchemaChange($"add constraint {constraint.Name} on {display}", [table.AddConstraintSql(constraint)]));
                continue;
            }

            var recorded = _recorded?.Get(Manifest.ConstraintKey(schema, table.Name, constraint.Name));
            var changed = current.Type != TypeLetter(constraint.Kind)
                || (constraint.Kind != ConstraintKind.Check && !current.Columns.SequenceEqual(constraint.Columns, StringComparer.Ordinal))
                || (recorded is not null && !string.Equals(recorded, constraint.Definition, StringComparison.Ordinal));
            if (changed)
            {
                _drops.Add(new SchemaChange(
                    $"replace constraint {constraint.Name} on {display}",
                    [$"ALTER TABLE {table.QualifiedName} DROP CONSTRAINT {Sql.Quote(constraint.Name)};"]));
                target.Add(new SchemaChange($"add constraint {constraint.Name} on {display}", [table.AddConstraintSql(constraint)]));
            }
        }

        // Foreign keys first: a primary or unique key cannot go while a foreign key still points at it.
        foreach (var current in existing.Constraints.Values.OrderBy(c => c.Type == 'f' ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            if (!table.Constraints.Any(c => string.Equals(c.Name, current.Name, StringComparison.Ordinal)))
            {
                _drops.Insert(current.Type == 'f' ? 0 : _drops.Count, new SchemaChange(
                    $"drop constraint {current.Name} on {display}",
                    [$"ALTER TABLE {table.QualifiedName} DROP CONSTRAINT {Sql.Quote(current.Name)};"],
                    DroppedConstraintReason));
            }
        }
    }

    private void PlanIndexes(TableModel table, CatalogTable? existing)
    {
        var display = Display(table.Schema, table.Name);
        var schema = _catalog.SchemaOf(table.Schema);
        foreach (var index in table.Indexes)
        {
            if (existing is null || !existing.Indexes.TryGetValue(index.Name, out var current))
            {
                _indexes.Add(CreateIndex(table, index, display, onExistingTable: existing is not null));
                continue;
            }

            var recorded = _recorded?.Get(Manifest.IndexKey(schema, index.Name));
            var changed = current.IsUnique != index.IsUnique
                || !string.Equals(current.Method, index.Method, StringComparison.Ordinal)
                || current.HasFilter != (index.Filter is not null)
                || !current.Columns.SequenceEqual(index.Columns, StringComparer.Ordinal)
                || (recorded is not null && !string.Equals(recorded, index.CreateSql, StringComparison.Ordinal));
            if (changed)
            {
                _drops.Add(new SchemaChange($"replace index {index.Name} on {display}", [$"DROP INDEX {Sql.Qualify(table.Schema, index.Name)};"]));
                _indexes.Add(CreateIndex(table, index, display, onExistingTable: true));
            }
        }

        if (existing is null)
        {
            return;
        }

        foreach (var current in existing.Indexes.Values.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            if (!table.Indexes.Any(i => string.Equals(i.Name, current.Name, StringComparison.Ordinal)))
            {
                _drops.Add(new SchemaChange(
                    $"drop index {current.Name} on {display}",
                    [$"DROP INDEX {Sql.Qualify(table.Schema, current.Name)};"],
                    DroppedIndexReason));
            }
        }
    }

    private static SchemaChange CreateIndex(TableModel table, IndexModel index, string display, bool onExistingTable)
    {
        var at = index.CreateSql.IndexOf("INDEX ", StringComparison.Ordinal);
        return new SchemaChange($"create index {index.Name} on {display}", [index.CreateSql])
        {
            Concurrently = onExistingTable && at >= 0
                ? (index.CreateSql[..at] + "INDEX CONCURRENTLY IF NOT EXISTS " + index.CreateSql[(at + "INDEX ".Length)..],
                   $"DROP INDEX CONCURRENTLY IF EXISTS {Sql.Qualify(table.Schema, index.Name)};")
                : null,
        };
    }

    private void PlanDroppedTablesAndTypes()
    {
        if (_recorded is null)
        {
            return;
        }

        var now = Manifest.Of(_model, _catalog.SchemaOf);
        foreach (var (key, _) in _recorded.Entries)
        {
            if (now.Get(key) is not null)
            {
                continue;
            }

            if (key.StartsWith("table ", StringComparison.Ordinal))
            {
                var table = _catalog.Tables.FirstOrDefault(t => string.Equals(Manifest.TableKey(t.Schema, t.Name), key, StringComparison.Ordinal));
                if (table is not null)
                {
                    _dropTables.Add(new SchemaChange(
                        $"drop table {Display(table.Schema, table.Name)}",
                        [$"DROP TABLE {Sql.Quote(table.Schema)}.{Sql.Quote(table.Name)} CASCADE;"],
                        DroppedTableReason));
                }
            }
            else if (key.StartsWith("enum ", StringComparison.Ordinal))
            {
                var name = key["enum ".Length..];
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                var (schema, type) = (name[..dot], name[(dot + 1)..]);
                if (_catalog.EnumLabels(schema, type) is not null)
                {
                    _dropTypes.Add(new SchemaChange(
                        $"drop type {Display(schema, type)}",
                        [$"DROP TYPE {Sql.Quote(schema)}.{Sql.Quote(type)};"],
                        DroppedEnumReason));
                }
            }
        }
    }

    /// <summary>
    /// Grants the recorded model made and this one no longer does are revoked, so the diff covers privileges both
    /// ways; privileges on a table the model dropped go with the table.
    /// </summary>
    private void PlanRevokedGrants()
    {
        if (_recorded is null)
        {
            return;
        }

        var now = new HashSet<string>(_model.Grants, StringComparer.Ordinal);
        var tables = new HashSet<string>(_model.Tables.Select(t => t.QualifiedName), StringComparer.Ordinal);
        foreach (var (key, _) in _recorded.Entries)
        {
            if (!key.StartsWith("grant ", StringComparison.Ordinal))
            {
                continue;
            }

            var grant = key["grant ".Length..];
            if (now.Contains(grant) || (GrantChecks.TableOf(grant) is { } table && !tables.Contains(table)))
            {
                continue;
            }

            if (GrantChecks.Revoke(grant) is { } revoke)
            {
                _revokes.Add(new SchemaChange(revoke.TrimEnd(';'), [revoke]));
            }
        }
    }

    private IEnumerable<SchemaChange> Grants(bool includeSequenceGrants)
    {
        for (var i = 0; i < _model.Grants.Count; i++)
        {
            var grant = _model.Grants[i];
            var inEffect = i < _catalog.GrantsInEffect.Count && _catalog.GrantsInEffect[i];
            if (!inEffect || (includeSequenceGrants && grant.Contains(" ON ALL SEQUENCES ", StringComparison.Ordinal)))
            {
                yield return new SchemaChange(grant.TrimEnd(';'), [grant]);
            }
        }
    }

    private static char TypeLetter(ConstraintKind kind) => kind switch
    {
        ConstraintKind.PrimaryKey => 'p',
        ConstraintKind.ForeignKey => 'f',
        ConstraintKind.Unique => 'u',
        _ => 'c',
    };

    private string Display(string? schema, string name)
        => schema is null || string.Equals(schema, _catalog.CurrentSchema, StringComparison.Ordinal) ? name : schema + "." + name;
}
