using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Schemata;

/// <summary>
/// Compares the model with the catalog and lists the changes that make the database match, each statement with its
/// phase, lock and cost. On new and empty tables every change is a plain statement in the one short transaction, so
/// on an empty database the plan is exactly <see cref="SchemaModel.Script"/>. On tables holding rows it takes the
/// online forms: constraints added <c>NOT VALID</c> and validated later, indexes built concurrently, <c>NOT NULL</c>
/// proven by a validated check; what cannot be done online is a hazard, what would fail on the rows is blocked.
/// Pure: what it must know about the rows it asks through <see cref="PlanFacts"/>.
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
    private readonly PlanFacts _facts;
    private readonly bool _longPhasesRunning;

    // The buckets, in the order their statements run within each phase.
    private readonly List<SchemaChange> _enumValues = [];
    private readonly List<SchemaChange> _schemas = [];
    private readonly List<SchemaChange> _types = [];
    private readonly List<SchemaChange> _renames = [];
    private readonly List<SchemaChange> _drops = [];
    private readonly List<SchemaChange> _dropColumns = [];
    private readonly List<SchemaChange> _tables = [];
    private readonly List<SchemaChange> _columns = [];
    private readonly List<SchemaChange> _primaryKeys = [];
    private readonly List<SchemaChange> _constraints = [];
    private readonly List<SchemaChange> _indexes = [];
    private readonly List<SchemaChange> _revokes = [];
    private readonly List<SchemaChange> _dropTables = [];
    private readonly List<SchemaChange> _dropTypes = [];
    private readonly List<SchemaChange> _grants = [];
    private readonly List<SchemaChange> _dataSteps = [];

    /// <summary>Catalog tables the model renames (they are not dropped).</summary>
    private readonly HashSet<CatalogTable> _renamedTables = [];

    /// <summary>Tables the model creates in this apply.</summary>
    private readonly HashSet<string> _createdTables = new(StringComparer.Ordinal);

    private ApplyPlanner(SchemaModel model, Catalog catalog, Manifest? recorded, PlanFacts facts, bool longPhasesRunning)
    {
        _model = model;
        _catalog = catalog;
        _recorded = recorded;
        _facts = facts;
        _longPhasesRunning = longPhasesRunning;
    }

    /// <summary>
    /// Which of the model's grants it owns after an apply of <paramref name="changes"/>: those it grants now, and those
    /// it owned before and still declares. A privilege that was in effect before the model first declared it (granted
    /// by hand) is not the model's, and is never revoked. Keys are resolved to schemas, so they outlive renderings.
    /// </summary>
    public static HashSet<(GrantObject Object, string Role, string Schema, string? Table)> OwnedGrants(Catalog catalog, Manifest? recorded, IEnumerable<SchemaChange> changes)
    {
        var owned = new HashSet<(GrantObject, string, string, string?)>();
        foreach (var target in recorded?.Grants() ?? [])
        {
            owned.Add((target.Object, target.Role, target.Schema!, target.Table));
        }

        foreach (var target in changes.Select(c => c.Grant).OfType<GrantTarget>())
        {
            owned.Add((target.Object, target.Role, catalog.SchemaOf(target.Schema), target.Table));
        }

        return owned;
    }

    /// <summary>The changes, in the order an apply makes them.</summary>
    /// <param name="model">The model.</param>
    /// <param name="catalog">What the database holds.</param>
    /// <param name="recorded">The manifest of the last apply, if any.</param>
    /// <param name="facts">What is known about the rows.</param>
    /// <param name="longPhasesRunning">
    /// Whether another process holds the long-phase lock (a plan read alongside it): an invalid index is then being
    /// built and a constraint not yet valid being validated, rather than left behind.
    /// </param>
    public static List<SchemaChange> Plan(SchemaModel model, Catalog catalog, Manifest? recorded, PlanFacts facts, bool longPhasesRunning = false)
    {
        var planner = new ApplyPlanner(model, catalog, recorded, facts, longPhasesRunning);
        planner.Run();
        return
        [
            .. planner._enumValues, .. planner._schemas, .. planner._types, .. planner._renames, .. planner._drops, .. planner._dropColumns,
            .. planner._tables, .. planner._columns, .. planner._primaryKeys, .. planner._constraints, .. planner._indexes,
            .. planner._dataSteps, .. planner._revokes, .. planner._dropTables, .. planner._dropTypes, .. planner._grants,
        ];
    }

    private void Run()
    {
        foreach (var schema in _model.Schemas)
        {
            if (!_catalog.HasSchema(schema))
            {
                _schemas.Add(Change("create schema " + schema, Statement(Ddl.CreateSchema(schema))));
            }
        }

        foreach (var type in _model.Enums)
        {
            PlanEnum(type);
        }

        var dropped = DroppedTables();
        foreach (var table in _model.Tables)
        {
            var existing = _catalog.Table(table.Schema, table.Name);
            if (existing is null && table.RenamedFrom is { } previous && _catalog.Table(table.Schema, previous) is { } old
                && !_model.Tables.Any(t => t.Schema == table.Schema && t.Name == previous))
            {
                _renames.Add(Change(
                    $"rename table {Display(table.Schema, previous)} to {table.Name}",
                    Statement(Ddl.RenameTable(Sql.Qualify(table.Schema, previous), table.Name), ApplyPhase.Change, TableLock.AccessExclusive, old)) with
                {
                    BreaksPreviousVersion = $"instances of the previous version still use the table {previous}",
                });
                _renamedTables.Add(old);
                existing = old;
            }

            if (existing is null)
            {
                PlanNewTable(table, dropped);
            }
            else
            {
                PlanTable(table, existing);
            }
        }

        PlanNewTableConstraints();
        PlanDroppedTables(dropped);
        PlanGrants();
        PlanDataSteps();
    }

    // Data steps

    /// <summary>
    /// The data steps not recorded as done, in their order: a backfill fills its column a batch at a time until no row
    /// matches its condition; a step in code is called a batch at a time until it changes no row.
    /// </summary>
    private void PlanDataSteps()
    {
        var done = new HashSet<string>(_recorded?.DoneSteps() ?? [], StringComparer.Ordinal);
        foreach (var step in _model.DataSteps)
        {
            if (done.Contains(step.Id))
            {
                continue;
            }

            if (step.IsBackfill)
            {
                var qualified = Sql.Qualify(step.Schema, step.Table!);
                var table = _catalog.Table(step.Schema, step.Table!) ?? RenamedTable(step.Schema, step.Table!);
                _dataSteps.Add(Change(
                    $"data step '{step.Id}': fill {Display(step.Schema, step.Table!)}.{step.Column} with {step.Expression}",
                    Statement(Ddl.FillBatch(qualified, step.Column!, step.Expression!, step.Where!), ApplyPhase.DataSteps, TableLock.RowExclusive, table) with { FillBatchSize = step.BatchSize }) with
                {
                    DataStep = step,
                });
            }
            else
            {
                _dataSteps.Add(Change($"data step '{step.Id}'", new SchemaStatement("-- " + step, ApplyPhase.DataSteps, TableLock.None, null, false, false)) with { DataStep = step });
            }
        }
    }

    /// <summary>The backfill the model declares for a column, done or not.</summary>
    private DataStepModel? Backfill(TableModel table, ColumnModel column)
        => _model.DataSteps.FirstOrDefault(s => s.IsBackfill && s.Schema == table.Schema && s.Table == table.Name && s.Column == column.Name);

    /// <summary>The backfill, when it runs in this apply (it is not recorded as done); null otherwise.</summary>
    private DataStepModel? Pending(DataStepModel? step) => step is not null && (_recorded is null || !_recorded.DoneSteps().Contains(step.Id, StringComparer.Ordinal)) ? step : null;

    /// <summary>The existing table a model table renamed in this apply was called before.</summary>
    private CatalogTable? RenamedTable(string? schema, string name)
        => _model.Tables.FirstOrDefault(t => t.Schema == schema && t.Name == name) is { RenamedFrom: { } previous } ? _catalog.Table(schema, previous) : null;

    // Enum types

    private void PlanEnum(EnumTypeModel type)
    {
        var labels = _catalog.EnumLabels(type.Schema, type.Name);
        var display = Display(type.Schema, type.Name);
        if (labels is null)
        {
            _types.Add(Change("create type " + display, Statement(Ddl.CreateEnum(type))) with { ChangesTypes = true });
            return;
        }

        var removed = labels.Where(l => !type.Values.Contains(l, StringComparer.Ordinal)).ToList();
        var kept = labels.Where(l => type.Values.Contains(l, StringComparer.Ordinal)).ToList();
        var reordered = !kept.SequenceEqual(type.Values.Where(v => labels.Contains(v, StringComparer.Ordinal)), StringComparer.Ordinal);
        if (removed.Count == 0 && !reordered)
        {
            for (var i = 0; i < type.Values.Count; i++)
            {
                var value = type.Values[i];
                if (!labels.Contains(value, StringComparer.Ordinal))
                {
                    _enumValues.Add(Change(
                        $"add value '{value}' to type {display}",
                        Statement(Ddl.AddEnumValue(type.QualifiedName, value, i > 0 ? type.Values[i - 1] : null, labels.Count > 0 ? labels[0] : null), ApplyPhase.AddEnumValues)) with
                    {
                        ChangesTypes = true,
                    });
                }
            }

            return;
        }

        PlanEnumRebuild(type, display, removed, reordered);
    }

    /// <summary>
    /// PostgreSQL can neither remove an enum value nor reorder them: rename the type, create it anew, convert every
    /// column using it through text (defaults, partial indexes and checks on those tables set aside and put back),
    /// then drop the old type.
    /// </summary>
    private void PlanEnumRebuild(EnumTypeModel type, string display, List<string> removed, bool reordered)
    {
        var oldName = Names.Shorten(type.Name + "_old");
        var statements = new List<SchemaStatement>
        {
            Statement(Ddl.RenameType(type.QualifiedName, oldName)),
            Statement(Ddl.CreateEnum(type)),
        };
        long? holding = 0;
        var rewritesRows = false;
        foreach (var table in _catalog.Tables)
        {
            var columns = table.Columns.Where(c => c.Type.Name == type.Name && c.Type.Schema == _catalog.SchemaOf(type.Schema)).ToList();
            if (columns.Count == 0)
            {
                continue;
            }

            rewritesRows |= _facts.IsEmpty(table) != true;
            var modelTable = _model.Tables.FirstOrDefault(t => _catalog.SchemaOf(t.Schema) == table.Schema && t.Name == table.Name);
            var setAside = modelTable is null ? [] : SetAsideForRetype(table, modelTable);
            statements.AddRange(setAside.Select(s => s.Drop));
            foreach (var column in columns)
            {
                var quoted = Sql.Quote(column.Name);
                var target = new StoreType(type.Name, type.Schema, IsArray: column.Type.IsArray);
                var modelDefault = modelTable?.Column(column.Name)?.Default;
                if (column.Default is not null)
                {
                    statements.Add(Statement(Ddl.DropDefault(table.QualifiedName, column.Name), ApplyPhase.Change, TableLock.AccessExclusive, table));
                }

                statements.Add(Statement(
                    Ddl.AlterColumnType(table.QualifiedName, column.Name, target, quoted + "::text" + (column.Type.IsArray ? "[]" : string.Empty) + "::" + Ddl.TypeName(target)),
                    ApplyPhase.Change,
                    TableLock.AccessExclusive,
                    table,
                    rewrites: true));
                if ((modelTable is null ? column.Default : modelDefault) is { } restored)
                {
                    statements.Add(Statement(Ddl.SetDefault(table.QualifiedName, column.Name, restored), ApplyPhase.Change, TableLock.AccessExclusive, table));
                }

                if (removed.Count > 0)
                {
                    var literals = string.Join(", ", removed.Select(Sql.Literal));
                    var condition = column.Type.IsArray ? $"{quoted}::text[] && ARRAY[{literals}]" : $"{quoted}::text IN ({literals})";
                    var count = _facts.Count($"enum rows {table.QualifiedName}.{column.Name}", $"SELECT count(*) FROM {table.QualifiedName} WHERE {condition}");
                    holding = holding is null || count is null ? null : holding + count;
                }
            }

            statements.AddRange(setAside.Select(s => s.Restore));
        }

        statements.Add(Statement(Ddl.DropType(Sql.Qualify(type.Schema, oldName))));
        var what = removed.Count > 0
            ? $"remove value(s) {string.Join(", ", removed.Select(r => "'" + r + "'"))} from type {display}"
            : $"reorder the values of type {display}";
        _types.Add(Change(what, [.. statements]) with
        {
            ChangesTypes = true,
            DestructiveReason = removed.Count > 0 ? "the value is gone from the type" : null,
            HazardReason = rewritesRows
                ? "rebuilding the type rewrites every table with a column of it under an ACCESS EXCLUSIVE lock. Online: stop writing the value, convert the rows with a data step, and remove it when no row holds it in a maintenance window"
                : null,
            BlockedReason = holding > 0 ? $"{Rows(holding.Value)} {(holding == 1 ? "still holds" : "still hold")} a removed value: change them first (a data step), then remove it" : null,
            BreaksPreviousVersion = removed.Count > 0 ? "instances of the previous version may write the removed value" : null,
        });
    }

    /// <summary>The model's partial indexes and checks on a table whose column changes type: dropped before, recreated after.</summary>
    private List<(SchemaStatement Drop, SchemaStatement Restore)> SetAsideForRetype(CatalogTable table, TableModel model)
    {
        var setAside = new List<(SchemaStatement, SchemaStatement)>();
        foreach (var index in model.Indexes.Where(i => i.Filter is not null && table.Indexes.ContainsKey(i.Name)))
        {
            setAside.Add((
                Statement(Ddl.DropIndex(Sql.Qualify(table.Schema, index.Name)), ApplyPhase.Change, TableLock.AccessExclusive, table),
                Statement(Ddl.CreateIndex(table.QualifiedName, index), ApplyPhase.Change, TableLock.Share, table, scans: true)));
        }

        foreach (var check in model.Constraints.Where(c => c.Kind == ConstraintKind.Check && table.Constraints.ContainsKey(c.Name)))
        {
            setAside.Add((
                Statement(Ddl.DropConstraint(table.QualifiedName, check.Name), ApplyPhase.Change, TableLock.AccessExclusive, table),
                Statement(Ddl.AddConstraint(table.QualifiedName, check), ApplyPhase.Change, TableLock.AccessExclusive, table, scans: true)));
        }

        return setAside;
    }

    // Tables

    /// <summary>Tables the last apply recorded as the model's that it no longer declares (nor renames) and that still exist.</summary>
    private List<CatalogTable> DroppedTables()
    {
        if (_recorded is null)
        {
            return [];
        }

        var kept = new HashSet<(string, string)>();
        foreach (var table in _model.Tables)
        {
            kept.Add((_catalog.SchemaOf(table.Schema), table.Name));
            if (table.RenamedFrom is { } previous && _catalog.Table(table.Schema, table.Name) is null)
            {
                kept.Add((_catalog.SchemaOf(table.Schema), previous));
            }
        }

        var result = new List<CatalogTable>();
        foreach (var (schema, name) in _recorded.Entries("table "))
        {
            if (!kept.Contains((schema, name)) && _catalog.Table(schema, name) is { } table)
            {
                result.Add(table);
            }
        }

        return result;
    }

    private void PlanNewTable(TableModel table, List<CatalogTable> dropped)
    {
        _createdTables.Add(table.QualifiedName);
        var lookalike = dropped.FirstOrDefault(d => d.Columns.Count > 1
            && d.Columns.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal).SequenceEqual(table.Columns.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal), StringComparer.Ordinal));
        _tables.Add(Change("create table " + Display(table.Schema, table.Name), Statement(Ddl.CreateTable(table))) with
        {
            BlockedReason = lookalike is null ? null
                : $"the model drops the table {Display(lookalike.Schema, lookalike.Name)} and creates {table.Name} with the same columns. If it is a rename, say so: [Table(\"{table.Name}\", RenamedFrom = \"{lookalike.Name}\")]; if {lookalike.Name} is really to go with its rows, remove it in one release and add {table.Name} in another",
        });
        foreach (var index in table.Indexes)
        {
            _indexes.Add(Change($"create index {index.Name} on {Display(table.Schema, table.Name)}", Statement(Ddl.CreateIndex(table.QualifiedName, index))));
        }
    }

    /// <summary>The constraints of the tables this apply creates, once they all exist: by kind, then table, as the script adds them.</summary>
    private void PlanNewTableConstraints()
    {
        foreach (var kind in new[] { ConstraintKind.ForeignKey, ConstraintKind.Unique, ConstraintKind.Check })
        {
            foreach (var table in _model.Tables.Where(t => _createdTables.Contains(t.QualifiedName)))
            {
                foreach (var constraint in table.Constraints.Where(c => c.Kind == kind))
                {
                    _constraints.Add(Change(
                        $"add constraint {constraint.Name} on {Display(table.Schema, table.Name)}",
                        Statement(Ddl.AddConstraint(table.QualifiedName, constraint), ApplyPhase.Change, ReferencedLock(constraint), ReferencedTable(constraint))));
                }
            }
        }
    }

    private void PlanTable(TableModel table, CatalogTable existing)
    {
        var renamedColumns = PlanColumns(table, existing);
        PlanConstraints(table, existing, renamedColumns);
        PlanIndexes(table, existing, renamedColumns);
    }

    /// <summary>
    /// Whether changes to an existing table take the simple path (it holds no rows); asked only where a change needs
    /// the answer, so an unchanged table costs no question.
    /// </summary>
    private bool Simple(CatalogTable table) => _facts.IsEmpty(table) == true;

    private void PlanDroppedTables(List<CatalogTable> dropped)
    {
        dropped = dropped.Where(t => !_renamedTables.Contains(t)).OrderBy(t => t.QualifiedName, StringComparer.Ordinal).ToList();
        var between = dropped
            .SelectMany(t => t.Constraints.Values.Where(c => c.References is { } r && dropped.Any(d => d.Schema == r.Schema && d.Name == r.Table)).Select(c => (Table: t, Constraint: c)))
            .ToList();
        if (between.Count > 0)
        {
            _dropTables.Add(Change(
                "drop the foreign keys between dropped tables",
                [.. between.Select(b => Statement(Ddl.DropConstraint(b.Table.QualifiedName, b.Constraint.Name), ApplyPhase.Change, TableLock.AccessExclusive, b.Table))]) with
            {
                DestructiveReason = DroppedTableReason,
            });
        }

        foreach (var table in dropped)
        {
            _dropTables.Add(Change("drop table " + Display(table.Schema, table.Name), Statement(Ddl.DropTable(table.QualifiedName), ApplyPhase.Change, TableLock.AccessExclusive, table)) with
            {
                DestructiveReason = DroppedTableReason,
                BreaksPreviousVersion = $"instances of the previous version still use the table {table.Name}",
            });
        }

        if (_recorded is null)
        {
            return;
        }

        foreach (var (schema, name) in _recorded.Entries("enum ").OrderBy(e => e.Schema + "." + e.Name, StringComparer.Ordinal))
        {
            if (!_model.Enums.Any(e => _catalog.SchemaOf(e.Schema) == schema && e.Name == name) && _catalog.EnumLabels(schema, name) is not null)
            {
                _dropTypes.Add(Change("drop type " + Display(schema, name), Statement(Ddl.DropType(Sql.Qualify(schema, name)))) with { DestructiveReason = DroppedEnumReason, ChangesTypes = true });
            }
        }
    }

    // Columns

    /// <summary>Plans the table's columns; returns the renames (old name → new name) the constraints and indexes follow.</summary>
    private Dictionary<string, string> PlanColumns(TableModel table, CatalogTable existing)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var display = Display(table.Schema, table.Name);
        foreach (var column in table.Columns)
        {
            var current = existing.Column(column.Name);
            if (current is null && column.RenamedFrom is { } previous && existing.Column(previous) is { } old && table.Column(previous) is null)
            {
                _renames.Add(Change(
                    $"rename column {display}.{previous} to {column.Name}",
                    Statement(Ddl.RenameColumn(table.QualifiedName, previous, column.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing)) with
                {
                    BreaksPreviousVersion = $"instances of the previous version read and write {previous}",
                });
                renamed[previous] = column.Name;
                current = old with { Name = column.Name };
            }

            if (current is null)
            {
                PlanNewColumn(table, existing, column);
                continue;
            }

            PlanColumnChange(table, existing, column, current);
        }

        foreach (var column in existing.Columns)
        {
            if (!renamed.ContainsKey(column.Name) && table.Column(column.Name) is null)
            {
                _dropColumns.Add(Change($"drop column {display}.{column.Name}", Statement(Ddl.DropColumn(table.QualifiedName, column.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing)) with
                {
                    DestructiveReason = DroppedColumnReason,
                    BreaksPreviousVersion = $"instances of the previous version read and write {column.Name}",
                });
            }
        }

        return renamed;
    }

    private void PlanNewColumn(TableModel table, CatalogTable existing, ColumnModel column)
    {
        var simple = Simple(existing);
        var display = $"{Display(table.Schema, table.Name)}.{column.Name}";
        var volatileDefault = !simple && column.Default is { } expression && IsVolatile(expression);
        var notNullWithoutValue = !column.IsNullable && column.Default is null && column.Identity == ColumnIdentity.None;
        var breaks = notNullWithoutValue ? $"instances of the previous version insert rows without {column.Name}" : null;
        if (notNullWithoutValue && !simple && Backfill(table, column) is { } backfill)
        {
            // Added nullable, filled by its data step, then made NOT NULL online.
            var statements = new List<SchemaStatement> { Statement(Ddl.AddColumn(table.QualifiedName, column with { IsNullable = true }), ApplyPhase.Change, TableLock.AccessExclusive, existing) };
            var pending = Pending(backfill);
            statements.AddRange(NotNullOnline(table, existing, column, helper: null, backfill.Expression, backfill.BatchSize, fillFirst: pending is null));
            _columns.Add(Change($"add column {display}, filled by data step '{backfill.Id}'", [.. statements]) with
            {
                BreaksPreviousVersion = breaks,
                AfterDataStep = pending,
            });
            return;
        }

        _columns.Add(Change($"add column {display}", Statement(Ddl.AddColumn(table.QualifiedName, column), ApplyPhase.Change, TableLock.AccessExclusive, existing, rewrites: volatileDefault || column.Identity != ColumnIdentity.None && !simple)) with
        {
            BlockedReason = notNullWithoutValue && !simple
                ? $"{display} is NOT NULL without a default, and {existing.Name} holds rows: give it a default ([Column(Default = …)] or an initializer), or declare a [Backfill] that fills it"
                : null,
            HazardReason = volatileDefault || (column.Identity != ColumnIdentity.None && !simple)
                ? $"filling {column.Name} for every existing row rewrites {existing.Name} under an ACCESS EXCLUSIVE lock. Online: add the column without a default, fill it with a [Backfill], then set the default"
                : null,
            BreaksPreviousVersion = breaks,
        });
    }

    private void PlanColumnChange(TableModel table, CatalogTable existing, ColumnModel column, CatalogColumn current)
    {
        var retyped = !SameType(column.Type, current.Type);
        var defaultChanged = !retyped && column.Identity == ColumnIdentity.None && current.Identity == ColumnIdentity.None && !SameDefault(table, column, current);
        if (retyped || defaultChanged || current.Identity != column.Identity)
        {
            PlanColumnRedefinition(table, existing, column, current, retyped, defaultChanged);
        }

        PlanNullability(table, existing, column, current);
    }

    /// <summary>A column whose type, default or identity changes (an unchanged column, the common case, costs nothing here).</summary>
    private void PlanColumnRedefinition(TableModel table, CatalogTable existing, ColumnModel column, CatalogColumn current, bool retyped, bool defaultChanged)
    {
        var qualified = table.QualifiedName;
        var display = $"{Display(table.Schema, table.Name)}.{column.Name}";
        if (retyped)
        {
            var kind = TypeChanges.Classify(current.Type, column.Type);
            var statements = new List<SchemaStatement>();
            if (current.Default is not null)
            {
                statements.Add(Statement(Ddl.DropDefault(qualified, column.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing));
            }

            statements.Add(Statement(
                Ddl.AlterColumnType(qualified, column.Name, column.Type, TypeChanges.Using(column.Name, current.Type, column.Type)),
                ApplyPhase.Change,
                TableLock.AccessExclusive,
                existing,
                rewrites: kind != TypeChangeKind.CatalogOnly));
            if (column.Default is not null && column.Identity == ColumnIdentity.None)
            {
                statements.Add(Statement(Ddl.SetDefault(qualified, column.Name, column.Default), ApplyPhase.Change, TableLock.AccessExclusive, existing));
            }

            var misfits = kind == TypeChangeKind.Narrowing && TypeChanges.DoesNotFit(existing.QualifiedName, current.Name, current.Type, column.Type) is { } sql
                ? _facts.Count($"misfits {qualified}.{column.Name}", sql)
                : null;
            _columns.Add(Change($"change type of {display} from {Ddl.TypeName(current.Type)} to {Ddl.TypeName(column.Type)}", [.. statements]) with
            {
                DestructiveReason = kind == TypeChangeKind.Narrowing ? "a narrowing type change can cut, round or reject existing values" : null,
                HazardReason = kind != TypeChangeKind.CatalogOnly && !Simple(existing)
                    ? $"changing the type rewrites {existing.Name} and its indexes under an ACCESS EXCLUSIVE lock, which stops every reader and writer until it ends. Online: add a column of the new type, fill it with a data step, move the code over and drop the old column in a later release"
                    : null,
                BlockedReason = misfits > 0 ? $"{Rows(misfits.Value)} hold values that {Ddl.TypeName(column.Type)} cannot hold as they are; change them first (a data step) or keep the wider type" : null,
                BreaksPreviousVersion = kind == TypeChangeKind.Narrowing ? $"instances of the previous version may write values that {Ddl.TypeName(column.Type)} rejects" : null,
            });
        }

        if (defaultChanged)
        {
            _columns.Add(column.Default is null
                ? Change($"drop default of {display}", Statement(Ddl.DropDefault(qualified, column.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing))
                : Change($"set default of {display} to {column.Default}", Statement(Ddl.SetDefault(qualified, column.Name, column.Default), ApplyPhase.Change, TableLock.AccessExclusive, existing)));
        }

        if (current.Identity != column.Identity)
        {
            var statements = new List<SchemaStatement>();
            var indexed = true;
            if (current.Identity == ColumnIdentity.None)
            {
                if (current.Default is not null)
                {
                    statements.Add(Statement(Ddl.DropDefault(qualified, column.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing));
                }

                statements.Add(Statement(Ddl.AddIdentity(qualified, column.Name, column.Identity), ApplyPhase.Change, TableLock.AccessExclusive, existing));
                if (!Simple(existing))
                {
                    // The new sequence starts at 1; existing keys would collide with it. max() reads the end of an index
                    // that leads with the column; without one it scans the table under the identity's lock.
                    indexed = Leads(existing, current.Name);
                    statements.Add(Statement(
                        $"SELECT setval(pg_get_serial_sequence({Sql.Literal(qualified)}, {Sql.Literal(column.Name)}), COALESCE(max({Sql.Quote(column.Name)}), 0) + 1, false) FROM {qualified};",
                        ApplyPhase.Change,
                        TableLock.AccessExclusive,
                        existing,
                        scans: !indexed));
                }
            }
            else
            {
                statements.Add(Statement(
                    column.Identity == ColumnIdentity.None ? Ddl.DropIdentity(qualified, column.Name) : Ddl.SetIdentity(qualified, column.Name, column.Identity),
                    ApplyPhase.Change,
                    TableLock.AccessExclusive,
                    existing));
            }

            var kind = column.Identity == ColumnIdentity.Always ? "always" : "by default";
            _columns.Add(Change($"make {display} {(column.Identity == ColumnIdentity.None ? "no identity" : "identity " + kind)}", [.. statements]) with
            {
                HazardReason = indexed ? null : $"starting the identity after the largest {column.Name} scans {existing.Name} under an ACCESS EXCLUSIVE lock, since no index leads with {column.Name}. Online: index {column.Name} first (a release of its own), then make it an identity",
            });
        }
    }

    /// <summary>Whether a plain btree index or a primary key or unique constraint of the table leads with the column, so its largest value is read from the index's end.</summary>
    private static bool Leads(CatalogTable table, string column)
        => table.Indexes.Values.Any(i => i.Method == "btree" && i.Predicate is null && i.IsValid && i.Columns.Count > 0 && i.Columns[0] == column)
        || table.Constraints.Values.Any(c => c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique && c.Columns.Count > 0 && c.Columns[0] == column);

    /// <summary>
    /// NOT NULL on a table with rows goes through a helper check: added NOT VALID, validated while writers go on, then
    /// <c>SET NOT NULL</c> skips its scan because the valid check proves it, and the helper is dropped. A helper left by
    /// an interrupted apply is picked up where it stopped.
    /// </summary>
    private void PlanNullability(TableModel table, CatalogTable existing, ColumnModel column, CatalogColumn current)
    {
        if (column.IsNullable == !current.NotNull && !existing.HasNotNullHelpers)
        {
            return;
        }

        var qualified = table.QualifiedName;
        var display = $"{Display(table.Schema, table.Name)}.{column.Name}";
        var helperName = Names.NotNullHelper(table.Name, column.Name);
        var helper = existing.Constraints.GetValueOrDefault(helperName);
        if (column.IsNullable || current.NotNull)
        {
            if (column.IsNullable && current.NotNull)
            {
                _columns.Add(Change($"allow NULL in {display}", Statement(Ddl.DropNotNull(qualified, column.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing)));
            }

            if (helper is not null)
            {
                _columns.Add(Change($"drop helper check {helperName} on {Display(table.Schema, table.Name)}", Statement(Ddl.DropConstraint(qualified, helperName), ApplyPhase.Change, TableLock.AccessExclusive, existing)));
            }

            return;
        }

        var breaks = "instances of the previous version may still write NULL";
        if (Simple(existing))
        {
            _columns.Add(Change($"make {display} NOT NULL", Statement(Ddl.SetNotNull(qualified, column.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing, scans: true)) with { BreaksPreviousVersion = breaks });
            return;
        }

        var backfill = Backfill(table, column);
        var nulls = helper is { IsValid: true } || backfill is not null ? 0 : _facts.Count($"nulls {qualified}.{column.Name}", $"SELECT count(*) FROM {existing.QualifiedName} WHERE {Sql.Quote(current.Name)} IS NULL");
        string? fill = null;
        string? destructive = null;
        string? blocked = null;
        if (backfill is not null && helper is not { IsValid: true })
        {
            // Declared by the model: filled before the check and once more after it for rows written NULL in between,
            // even when none holds NULL now (writers of the previous version may add some before the check is in).
            fill = backfill.Expression;
        }
        else if (nulls > 0)
        {
            if (column.Default is null)
            {
                blocked = $"{Rows(nulls.Value)} hold NULL in {column.Name}, and the model gives no default to put there: give it a default, or declare a [Backfill] that fills it";
            }
            else
            {
                destructive = $"{Rows(nulls.Value)} hold NULL, which would be replaced with the default {column.Default}";
                fill = column.Default;
            }
        }

        var pending = Pending(backfill);
        var statements = NotNullOnline(table, existing, column, helper, fill, backfill?.BatchSize ?? DataStepModel.DefaultBatchSize, fillFirst: pending is null);
        _columns.Add(Change($"make {display} NOT NULL", [.. statements]) with
        {
            DestructiveReason = destructive,
            BlockedReason = blocked,
            BreaksPreviousVersion = breaks,
            AfterDataStep = pending,
        });
    }

    /// <summary>
    /// The statements that make a column of a table with rows NOT NULL without holding up writers: the helper check
    /// <c>CHECK (col IS NOT NULL) NOT VALID</c>, validated under a lock writers pass, then <c>SET NOT NULL</c> (which
    /// the valid check spares its scan) and the helper dropped. With <paramref name="fill"/>, the NULLs are filled in
    /// batches first (unless a data step fills them before, <paramref name="fillFirst"/> unset), the check added, and
    /// the rows written NULL in between filled too; the check comes after the fill so that writers updating a row not
    /// yet filled are not refused.
    /// </summary>
    private List<SchemaStatement> NotNullOnline(TableModel table, CatalogTable existing, ColumnModel column, CatalogConstraint? helper, string? fill, int batchSize, bool fillFirst)
    {
        var qualified = table.QualifiedName;
        var helperName = Names.NotNullHelper(table.Name, column.Name);
        var statements = new List<SchemaStatement>();
        var fillBatch = fill is null ? null : Statement(Ddl.FillBatch(qualified, column.Name, fill, Sql.Quote(column.Name) + " IS NULL"), ApplyPhase.DataSteps, TableLock.RowExclusive, existing, scans: true) with { FillBatchSize = batchSize };
        if (helper is null)
        {
            if (fillBatch is not null && fillFirst)
            {
                statements.Add(fillBatch);
            }

            statements.Add(Statement(Ddl.AddNotNullCheck(qualified, helperName, column.Name), fillBatch is null ? ApplyPhase.Change : ApplyPhase.DataSteps, TableLock.AccessExclusive, existing));
        }

        if (fillBatch is not null)
        {
            statements.Add(fillBatch);
        }

        if (helper is not { IsValid: true })
        {
            statements.Add(Statement(Ddl.ValidateConstraint(qualified, helperName), ApplyPhase.Validate, TableLock.ShareUpdateExclusive, existing, scans: true));
        }

        statements.Add(Statement(Ddl.SetNotNull(qualified, column.Name), ApplyPhase.Complete, TableLock.AccessExclusive, existing));
        statements.Add(Statement(Ddl.DropConstraint(qualified, helperName), ApplyPhase.Complete, TableLock.AccessExclusive, existing));
        return statements;
    }

    // Constraints

    private void PlanConstraints(TableModel table, CatalogTable existing, Dictionary<string, string> renamedColumns)
    {
        var display = Display(table.Schema, table.Name);
        var qualified = table.QualifiedName;
        var schema = _catalog.SchemaOf(table.Schema);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var constraint in table.Constraints)
        {
            var target = constraint.Kind == ConstraintKind.PrimaryKey ? _primaryKeys : _constraints;
            var current = existing.Constraints.GetValueOrDefault(constraint.Name);
            if (current is null && FindRenamedConstraint(table, existing, constraint, renamedColumns) is { } renamed)
            {
                _renames.Add(Change(
                    $"rename constraint {renamed.Name} on {display} to {constraint.Name}",
                    Statement(Ddl.RenameConstraint(qualified, renamed.Name, constraint.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing)));
                claimed.Add(renamed.Name);
                current = renamed with { Name = constraint.Name };
            }

            if (current is null)
            {
                target.Add(AddConstraint(table, existing, constraint, replacing: null));
                continue;
            }

            claimed.Add(current.Name);
            var recorded = _recorded?.Definition(Manifest.ConstraintKey(schema, table.Name, constraint.Name));
            var changed = current.Kind != constraint.Kind
                || (constraint.Kind != ConstraintKind.Check && !SameColumns(current.Columns, constraint.Columns, renamedColumns))
                || (constraint.References is { } references && !SameReference(references, current.References))
                || (constraint.Kind == ConstraintKind.Check && recorded is { } r
                    && (r.Model != constraint.Definition || (r.Catalog is not null && r.Catalog != current.Definition)));
            if (changed)
            {
                target.Add(RemovedValues(table, existing, constraint, AddConstraint(table, existing, constraint, replacing: current)));
            }
            else if (!current.IsValid)
            {
                target.Add(Change(
                    $"validate constraint {constraint.Name} on {display} ({(_longPhasesRunning ? "being validated now" : "added NOT VALID by an apply that did not finish")})",
                    Statement(Ddl.ValidateConstraint(qualified, constraint.Name), ApplyPhase.Validate, TableLock.ShareUpdateExclusive, existing, scans: true)));
            }
        }

        if (AllClaimed(existing.Constraints.Keys, claimed))
        {
            return;
        }

        // Foreign keys first: a primary or unique key cannot go while a foreign key still points at it.
        foreach (var current in existing.Constraints.Values.OrderBy(c => c.Kind == ConstraintKind.ForeignKey ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            if (claimed.Contains(current.Name) || (current.Kind == ConstraintKind.Check && table.Columns.Any(c => Names.NotNullHelper(table.Name, c.Name) == current.Name)))
            {
                continue;
            }

            var drop = Change($"drop constraint {current.Name} on {display}", Statement(Ddl.DropConstraint(qualified, current.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing)) with
            {
                DestructiveReason = DroppedConstraintReason,
            };
            _drops.Insert(current.Kind == ConstraintKind.ForeignKey ? 0 : _drops.Count, drop);
        }
    }

    /// <summary>
    /// Adds a constraint, or replaces <paramref name="replacing"/> with it. On a new or empty table: the plain
    /// statement. On a table with rows: a foreign key or check <c>NOT VALID</c> then validated; a unique constraint or
    /// primary key over a unique index built concurrently (under another name while an old one still stands).
    /// </summary>
    private SchemaChange AddConstraint(TableModel table, CatalogTable existing, ConstraintModel constraint, CatalogConstraint? replacing)
    {
        var qualified = table.QualifiedName;
        var description = $"{(replacing is null ? "add" : "replace")} constraint {constraint.Name} on {Display(table.Schema, table.Name)}";
        var statements = new List<SchemaStatement>();
        if (Simple(existing))
        {
            if (replacing is not null)
            {
                statements.Add(Statement(Ddl.DropConstraint(qualified, replacing.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing));
            }

            statements.Add(Statement(Ddl.AddConstraint(qualified, constraint), ApplyPhase.Change, AddLock(constraint), existing, scans: true));
            return Change(description, [.. statements]);
        }

        var violations = Violations(table, existing, constraint);
        var blocked = violations > 0
            ? $"{Rows(violations.Value)} {ViolationWording(constraint)}: change those rows first (a data step), or change the constraint"
            : null;
        if (constraint.Kind is ConstraintKind.ForeignKey or ConstraintKind.Check)
        {
            if (replacing is not null)
            {
                statements.Add(Statement(Ddl.DropConstraint(qualified, replacing.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing));
            }

            statements.Add(Statement(Ddl.AddConstraint(qualified, constraint, notValid: true), ApplyPhase.Change, AddLock(constraint), existing));
            statements.Add(Statement(Ddl.ValidateConstraint(qualified, constraint.Name), ApplyPhase.Validate, TableLock.ShareUpdateExclusive, existing, scans: true));
            return Change(description, [.. statements]) with { BlockedReason = blocked };
        }

        if (constraint.Kind == ConstraintKind.PrimaryKey && replacing is not null)
        {
            statements.Add(Statement(Ddl.DropConstraint(qualified, replacing.Name), ApplyPhase.Change, TableLock.AccessExclusive, existing));
            statements.Add(Statement(Ddl.AddConstraint(qualified, constraint), ApplyPhase.Change, TableLock.AccessExclusive, existing, scans: true));
            return Change(description, [.. statements]) with
            {
                BlockedReason = blocked,
                HazardReason = $"replacing the primary key of {existing.Name} builds its index under an ACCESS EXCLUSIVE lock, and foreign keys that reference the old key stop it. Online: add a unique constraint on the new columns first, move the foreign keys over, then switch the key in a maintenance window",
            };
        }

        // A unique constraint or a primary key over a unique index built concurrently: under the constraint's name
        // when nothing stands there, under a replacement name while the old constraint still holds the name.
        var indexName = replacing is null ? constraint.Name : Names.Replacement(constraint.Name);
        var index = new IndexModel(indexName, constraint.Columns, IsUnique: true);
        statements.AddRange(BuildIndex(table, existing, index));
        if (replacing is not null)
        {
            statements.Add(Statement(Ddl.DropConstraint(qualified, replacing.Name), ApplyPhase.Complete, TableLock.AccessExclusive, existing));
        }

        statements.Add(Statement(Ddl.AddConstraintUsingIndex(qualified, constraint, indexName), ApplyPhase.Complete, TableLock.AccessExclusive, existing));
        return Change(description, [.. statements]) with { BlockedReason = blocked };
    }

    /// <summary>
    /// An enum stored as text that loses values loses them as a native enum does: destructive, and refused while rows
    /// hold them (the values allowed when last applied are recorded).
    /// </summary>
    private SchemaChange RemovedValues(TableModel table, CatalogTable existing, ConstraintModel constraint, SchemaChange change)
    {
        var recorded = constraint.AllowedValues is null ? null : _recorded?.AllowedValues(Manifest.AllowedValuesKey(_catalog.SchemaOf(table.Schema), table.Name, constraint.Name));
        var removed = recorded?.Where(v => !constraint.AllowedValues!.Contains(v, StringComparer.Ordinal)).ToList();
        if (removed is not { Count: > 0 })
        {
            return change;
        }

        var column = constraint.Columns[0];
        var literals = string.Join(", ", removed.Select(Sql.Literal));
        var array = existing.Column(column)?.Type.IsArray == true;
        var holding = _facts.Count(
            $"removed values {table.QualifiedName}.{constraint.Name}",
            $"SELECT count(*) FROM {existing.QualifiedName} WHERE {Sql.Quote(column)} {(array ? "&& ARRAY[" + literals + "]::text[]" : "IN (" + literals + ")")}");
        return change with
        {
            Description = $"remove value(s) {string.Join(", ", removed.Select(r => "'" + r + "'"))} from {Display(table.Schema, table.Name)}.{column} (an enum stored as text)",
            DestructiveReason = "the value is gone from the enum",
            BlockedReason = holding > 0 ? $"{Rows(holding.Value)} {(holding == 1 ? "still holds" : "still hold")} a removed value: change them first (a data step), then remove it" : change.BlockedReason,
            BreaksPreviousVersion = "instances of the previous version may write the removed value",
        };
    }

    /// <summary>How many existing rows a new constraint would reject; <see langword="null"/> when unknown.</summary>
    private long? Violations(TableModel table, CatalogTable existing, ConstraintModel constraint)
    {
        // Columns the apply adds hold no values yet (or their default); the rows cannot be counted against them.
        if (constraint.Columns.Any(c => existing.Column(c) is null))
        {
            return null;
        }

        var from = existing.QualifiedName;
        var key = $"violations {table.QualifiedName}.{constraint.Name}";
        var columns = string.Join(", ", constraint.Columns.Select(Sql.Quote));
        switch (constraint.Kind)
        {
            case ConstraintKind.Check:
                return _facts.Count(key, $"SELECT count(*) FROM {from} WHERE NOT ({constraint.Expression})");
            case ConstraintKind.ForeignKey:
                var references = constraint.References!;
                var present = string.Join(" AND ", constraint.Columns.Select(c => "c." + Sql.Quote(c) + " IS NOT NULL"));
                if (_catalog.Table(references.Schema, references.Table) is null)
                {
                    return _facts.Count(key, $"SELECT count(*) FROM {from} c WHERE {present}");
                }

                var join = string.Join(" AND ", constraint.Columns.Select((c, i) => "p." + Sql.Quote(references.Columns[i]) + " = c." + Sql.Quote(c)));
                return _facts.Count(key, $"SELECT count(*) FROM {from} c WHERE {present} AND NOT EXISTS (SELECT 1 FROM {references.QualifiedTable} p WHERE {join})");
            default:
                var nulls = constraint.Kind == ConstraintKind.PrimaryKey ? " OR " + string.Join(" OR ", constraint.Columns.Select(c => Sql.Quote(c) + " IS NULL")) : string.Empty;
                var notNull = string.Join(" AND ", constraint.Columns.Select(c => Sql.Quote(c) + " IS NOT NULL"));
                return _facts.Count(key, $"SELECT (SELECT COALESCE(sum(n), 0) FROM (SELECT count(*) AS n FROM {from} WHERE {notNull} GROUP BY {columns} HAVING count(*) > 1) AS d)"
                    + (nulls.Length > 0 ? $" + (SELECT count(*) FROM {from} WHERE false{nulls})" : string.Empty));
        }
    }

    private static string ViolationWording(ConstraintModel constraint) => constraint.Kind switch
    {
        ConstraintKind.Check => $"break the check {constraint.Name}",
        ConstraintKind.ForeignKey => $"reference no row of {constraint.References!.Table}",
        ConstraintKind.PrimaryKey => $"share a key value with another row or hold NULL in ({string.Join(", ", constraint.Columns)})",
        _ => $"share their values of ({string.Join(", ", constraint.Columns)}) with another row",
    };

    /// <summary>A constraint of the catalog that is the model's under an older name: same kind and columns (after column renames) and, for a foreign key, the same reference.</summary>
    private CatalogConstraint? FindRenamedConstraint(TableModel table, CatalogTable existing, ConstraintModel constraint, Dictionary<string, string> renamedColumns)
    {
        if (constraint.Columns.Count == 0)
        {
            return null;
        }

        var candidates = existing.Constraints.Values
            .Where(c => c.Kind == constraint.Kind && !table.Constraints.Any(m => m.Name == c.Name)
                && SameColumns(c.Columns, constraint.Columns, renamedColumns)
                && (constraint.References is null || SameReference(constraint.References, c.References)))
            .ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    // Indexes

    private void PlanIndexes(TableModel table, CatalogTable existing, Dictionary<string, string> renamedColumns)
    {
        var display = Display(table.Schema, table.Name);
        var schema = _catalog.SchemaOf(table.Schema);
        var claimed = new HashSet<string>(StringComparer.Ordinal);

        // Indexes of constraints being added over an index: built (or left half-built) under the constraint's name.
        foreach (var constraint in table.Constraints)
        {
            claimed.Add(constraint.Name);
        }

        foreach (var index in table.Indexes)
        {
            var current = existing.Indexes.GetValueOrDefault(index.Name);
            if (current is null && FindRenamedIndex(table, existing, index, renamedColumns) is { } renamed)
            {
                _renames.Add(Change(
                    $"rename index {renamed.Name} on {display} to {index.Name}",
                    Statement(Ddl.RenameIndex(Sql.Qualify(table.Schema, renamed.Name), index.Name), ApplyPhase.Change, TableLock.ShareUpdateExclusive, existing)));
                claimed.Add(renamed.Name);
                current = renamed with { Name = index.Name };
            }

            if (current is null)
            {
                var empty = Simple(existing);
                _indexes.Add(Change($"create index {index.Name} on {display}", empty ? [Statement(Ddl.CreateIndex(table.QualifiedName, index), ApplyPhase.Change, TableLock.Share, existing)] : [.. BuildIndex(table, existing, index)]) with
                {
                    BlockedReason = DuplicatesBlock(table, existing, index, empty),
                });
                continue;
            }

            claimed.Add(current.Name);
            var recorded = _recorded?.Definition(Manifest.IndexKey(schema, index.Name));
            var changed = current.IsUnique != index.IsUnique
                || !string.Equals(current.Method, index.Method, StringComparison.Ordinal)
                || (current.Predicate is not null) != (index.Filter is not null)
                || !SameColumns(current.Columns, index.Columns, renamedColumns)
                || (recorded is { } r && (r.Model != (index.Filter ?? string.Empty) || (r.Catalog is not null && r.Catalog != (current.Predicate ?? string.Empty))));
            if (!changed && current.IsValid)
            {
                continue;
            }

            var simple = Simple(existing);
            var what = current.IsValid ? "replace" : _longPhasesRunning ? "create" : "rebuild";
            var reason = current.IsValid ? string.Empty : _longPhasesRunning ? " (being built now)" : " (left invalid by a build that did not finish)";
            if (simple || !current.IsValid)
            {
                var drop = simple
                    ? Statement(Ddl.DropIndex(Sql.Qualify(table.Schema, index.Name)), ApplyPhase.Change, TableLock.AccessExclusive, existing)
                    : Statement(Ddl.DropIndex(Sql.Qualify(table.Schema, index.Name), concurrently: true), ApplyPhase.BuildIndexes, TableLock.ShareUpdateExclusive, existing);
                var create = simple
                    ? [Statement(Ddl.CreateIndex(table.QualifiedName, index), ApplyPhase.Change, TableLock.Share, existing)]
                    : BuildIndex(table, existing, index, dropInvalid: false);
                _indexes.Add(Change($"{what} index {index.Name} on {display}{reason}", [drop, .. create]) with { BlockedReason = DuplicatesBlock(table, existing, index, simple) });
                continue;
            }

            // Built beside the old one under a replacement name, then swapped in: queries always have an index.
            var replacement = Names.Replacement(index.Name);
            var statements = BuildIndex(table, existing, index with { Name = replacement });
            statements.Add(Statement(Ddl.DropIndex(Sql.Qualify(table.Schema, index.Name)), ApplyPhase.Complete, TableLock.AccessExclusive, existing));
            statements.Add(Statement(Ddl.RenameIndex(Sql.Qualify(table.Schema, replacement), index.Name), ApplyPhase.Complete, TableLock.ShareUpdateExclusive, existing));
            _indexes.Add(Change($"replace index {index.Name} on {display}", [.. statements]) with { BlockedReason = DuplicatesBlock(table, existing, index, simple: false) });
        }

        if (AllClaimed(existing.Indexes.Keys, claimed))
        {
            return;
        }

        HashSet<string>? replacements = null;
        foreach (var current in existing.Indexes.Values.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            if (claimed.Contains(current.Name))
            {
                continue;
            }

            // An index being built to replace one of the model's (or to back a constraint) is the model's too.
            replacements ??= [.. table.Indexes.Select(i => Names.Replacement(i.Name)), .. table.Constraints.Select(c => Names.Replacement(c.Name))];
            if (!replacements.Contains(current.Name))
            {
                _drops.Add(Change($"drop index {current.Name} on {display}", Statement(Ddl.DropIndex(Sql.Qualify(table.Schema, current.Name)), ApplyPhase.Change, TableLock.AccessExclusive, existing)) with
                {
                    DestructiveReason = current.IsValid ? DroppedIndexReason : null,
                });
            }
        }
    }

    /// <summary>
    /// <c>CREATE INDEX CONCURRENTLY</c> on a table with rows, outside any transaction; an invalid index left under the
    /// same name by an interrupted build is dropped first, and a valid one already there is kept.
    /// </summary>
    private List<SchemaStatement> BuildIndex(TableModel table, CatalogTable existing, IndexModel index, bool dropInvalid = true)
    {
        var statements = new List<SchemaStatement>();
        var present = existing.Indexes.GetValueOrDefault(index.Name);
        if (present is { IsValid: true })
        {
            return statements;
        }

        var qualifiedIndex = Sql.Qualify(table.Schema, index.Name);
        if (present is not null && dropInvalid)
        {
            statements.Add(Statement(Ddl.DropIndex(qualifiedIndex, concurrently: true), ApplyPhase.BuildIndexes, TableLock.ShareUpdateExclusive, existing));
        }

        statements.Add(Statement(Ddl.CreateIndex(table.QualifiedName, index, concurrently: true), ApplyPhase.BuildIndexes, TableLock.ShareUpdateExclusive, existing, scans: true) with
        {
            UndoOnFailure = Ddl.DropIndex(qualifiedIndex, concurrently: true),
        });
        return statements;
    }

    private string? DuplicatesBlock(TableModel table, CatalogTable existing, IndexModel index, bool simple)
    {
        if (!index.IsUnique || simple || index.Columns.Any(c => existing.Column(c) is null))
        {
            return null;
        }

        var columns = string.Join(", ", index.Columns.Select(Sql.Quote));
        var where = string.Join(" AND ", index.Columns.Select(c => Sql.Quote(c) + " IS NOT NULL")) + (index.Filter is null ? string.Empty : " AND (" + index.Filter + ")");
        var duplicates = _facts.Count(
            $"duplicates {table.QualifiedName}.{index.Name}",
            $"SELECT COALESCE(sum(n), 0) FROM (SELECT count(*) AS n FROM {existing.QualifiedName} WHERE {where} GROUP BY {columns} HAVING count(*) > 1) AS d");
        return duplicates > 0
            ? $"{Rows(duplicates.Value)} share their values of ({string.Join(", ", index.Columns)}) with another row, so the unique index cannot be built: change those rows first (a data step)"
            : null;
    }

    private static CatalogIndex? FindRenamedIndex(TableModel table, CatalogTable existing, IndexModel index, Dictionary<string, string> renamedColumns)
    {
        var candidates = existing.Indexes.Values
            .Where(i => i.IsValid && !table.Indexes.Any(m => m.Name == i.Name) && !table.Constraints.Any(m => m.Name == i.Name)
                && i.IsUnique == index.IsUnique && i.Method == index.Method && (i.Predicate is not null) == (index.Filter is not null)
                && SameColumns(i.Columns, index.Columns, renamedColumns))
            .ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    // Grants

    private void PlanGrants()
    {
        var targets = _catalog.GrantTargets(_model);
        foreach (var target in targets)
        {
            var created = target.Object is GrantObject.Table or GrantObject.Sequence && _model.Tables.Any(t => t.Schema == target.Schema
                && _createdTables.Contains(t.QualifiedName) && (t.Name == target.Table || t.Columns.Any(c => c.Identity != ColumnIdentity.None && Names.IdentitySequence(t.Name, c.Name) == target.Table)));
            if (!_catalog.HasRole(target.Role))
            {
                _grants.Add(Change(Ddl.Grant(target).TrimEnd(';'), Statement(Ddl.Grant(target))) with
                {
                    BlockedReason = $"the role {target.Role} does not exist; the schema never creates roles: create it first (CREATE ROLE {Sql.Quote(target.Role)})",
                });
            }
            else if (created || !_catalog.IsGranted(target))
            {
                _grants.Add(Change(Ddl.Grant(target).TrimEnd(';'), Statement(Ddl.Grant(target))) with { Grant = target });
            }
        }

        if (_recorded is null)
        {
            return;
        }

        foreach (var old in _recorded.Grants())
        {
            var same = targets.Where(t => t.Object == old.Object && t.Role == old.Role && _catalog.SchemaOf(t.Schema) == old.Schema && t.Table == old.Table).ToList();
            var revoked = old with { Privileges = old.Privileges & ~same.Aggregate((TablePrivileges)0, (all, t) => all | t.Privileges) };
            var gone = old.IsWhole ? same.Count == 0 : revoked.Privileges != 0;
            var stillThere = old.Object switch
            {
                GrantObject.Table => _catalog.Table(old.Schema, old.Table!) is not null && _model.Tables.Any(t => _catalog.SchemaOf(t.Schema) == old.Schema && t.Name == old.Table),
                GrantObject.Sequence => _catalog.Tables.Any(t => t.Schema == old.Schema && t.Columns.Any(c => c.IdentitySequence == old.Table)),
                _ => _catalog.HasSchema(old.Schema!),
            };
            if (gone && stillThere && _catalog.HasRole(old.Role))
            {
                _revokes.Add(Change(Ddl.Revoke(revoked).TrimEnd(';'), Statement(Ddl.Revoke(revoked))));
            }
        }
    }

    // Comparisons

    /// <summary>Whether the model's type and the catalog's are the same type: compared part by part.</summary>
    internal bool SameType(StoreType model, StoreType catalog)
        => model.Name == catalog.Name
            && model.IsArray == catalog.IsArray
            && model.Modifiers == catalog.Modifiers
            && (catalog.Schema is null ? model.Schema is null : _catalog.SchemaOf(model.Schema) == catalog.Schema);

    private bool SameReference(ForeignKeyReference model, ForeignKeyReference? catalog)
        => catalog is not null
            && _catalog.SchemaOf(model.Schema) == catalog.Schema
            && model.Table == catalog.Table
            && model.Columns.SequenceEqual(catalog.Columns, StringComparer.Ordinal)
            && model.OnDelete == catalog.OnDelete
            && model.OnUpdate == catalog.OnUpdate;

    /// <summary>
    /// Whether a column's default is what the model says. Exact when the last apply recorded PostgreSQL's rendering of
    /// this very default: the same model text is the same default unless the rendering moved (drift). Otherwise the
    /// texts are compared without the casts and parentheses PostgreSQL adds.
    /// </summary>
    private bool SameDefault(TableModel table, ColumnModel column, CatalogColumn current)
    {
        if (column.Default is not null && current.Default is not null
            && _recorded?.Definition(Manifest.DefaultKey(_catalog.SchemaOf(table.Schema), table.Name, column.Name)) is { } recorded
            && recorded.Model == column.Default && recorded.Catalog is not null)
        {
            return recorded.Catalog == current.Default;
        }

        return DefaultExpressions.Same(column.Default, current.Default);
    }

    /// <summary>Whether an expression calls a volatile function (such a default is computed, and written, for every existing row).</summary>
    private bool IsVolatile(string expression)
    {
        var names = DefaultExpressions.FunctionNames(expression);
        if (names.Count == 0)
        {
            return false;
        }

        var list = string.Join(", ", names.Select(Sql.Literal));
        return _facts.Count("volatile " + expression, $"SELECT count(*) FROM pg_proc WHERE provolatile = 'v' AND proname IN ({list})") > 0;
    }

    /// <summary>Whether every constraint or index of the table is the model's; only then is nothing left to drop.</summary>
    private static bool AllClaimed<T>(Dictionary<string, T>.KeyCollection names, HashSet<string> claimed)
    {
        foreach (var name in names)
        {
            if (!claimed.Contains(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the catalog's columns, as this apply renames them, are the model's, in order.</summary>
    private static bool SameColumns(IReadOnlyList<string> current, IReadOnlyList<string> model, Dictionary<string, string> renamed)
    {
        if (current.Count != model.Count)
        {
            return false;
        }

        for (var i = 0; i < current.Count; i++)
        {
            var name = renamed.Count > 0 && renamed.TryGetValue(current[i], out var now) ? now : current[i];
            if (!string.Equals(name, model[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Building changes

    private static SchemaChange Change(string description, params SchemaStatement[] statements) => new(description, statements);

    /// <summary>A statement of the plan; one that would scan or rewrite a table known to hold no rows does neither.</summary>
    private SchemaStatement Statement(string sql, ApplyPhase phase = ApplyPhase.Change, TableLock tableLock = TableLock.None, CatalogTable? table = null, bool scans = false, bool rewrites = false)
    {
        var rows = table is not null && (scans || rewrites) && !Simple(table);
        return new(sql, phase, table is null ? TableLock.None : tableLock, table?.Name, scans && rows, rewrites && rows)
        {
            EstimatedRows = table is null || table.EstimatedRows < 0 ? null : table.EstimatedRows,
            SizeBytes = table?.SizeBytes,
        };
    }

    private static TableLock AddLock(ConstraintModel constraint) => constraint.Kind == ConstraintKind.ForeignKey ? TableLock.ShareRowExclusive : TableLock.AccessExclusive;

    private static TableLock ReferencedLock(ConstraintModel constraint) => constraint.References is not null ? TableLock.ShareRowExclusive : TableLock.None;

    /// <summary>The existing table a new table's foreign key locks (<c>SHARE ROW EXCLUSIVE</c>, briefly).</summary>
    private CatalogTable? ReferencedTable(ConstraintModel constraint)
        => constraint.References is { } r ? _catalog.Table(r.Schema, r.Table) : null;

    private static string Rows(long count) => count == 1 ? "1 row" : count.ToString("N0", CultureInfo.InvariantCulture) + " rows";

    private string Display(string? schema, string name)
        => schema is null || string.Equals(schema, _catalog.CurrentSchema, StringComparison.Ordinal) ? name : schema + "." + name;
}
