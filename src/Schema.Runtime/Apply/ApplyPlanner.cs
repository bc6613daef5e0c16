using System.Collections.Generic;

namespace Schemata;

/// <summary>
/// Decides which of the model's statements a database needs: every object it lacks, in the same dependency order
/// as <see cref="SchemaModel.Script"/>, so that on an empty database the plan is exactly the script.
/// </summary>
internal static class ApplyPlanner
{
    private static readonly ConstraintKind[] AddedAfterTables = [ConstraintKind.ForeignKey, ConstraintKind.Unique, ConstraintKind.Check];

    public static List<string> Plan(SchemaModel model, Catalog catalog)
    {
        var statements = new List<string>();
        foreach (var schema in model.Schemas)
        {
            if (!catalog.HasSchema(schema))
            {
                statements.Add("CREATE SCHEMA IF NOT EXISTS " + Sql.Quote(schema) + ";");
            }
        }

        foreach (var type in model.Enums)
        {
            if (!catalog.HasType(type.Schema, type.Name))
            {
                statements.Add(type.CreateSql);
            }
        }

        var created = new HashSet<TableModel>();
        foreach (var table in model.Tables)
        {
            if (!catalog.HasTable(table.Schema, table.Name))
            {
                statements.Add(table.CreateSql);
                created.Add(table);
            }
        }

        foreach (var table in model.Tables)
        {
            if (created.Contains(table))
            {
                continue;
            }

            foreach (var column in table.Columns)
            {
                if (!catalog.HasColumn(table.Schema, table.Name, column.Name))
                {
                    statements.Add("ALTER TABLE " + table.QualifiedName + " ADD COLUMN " + column.Definition + ";");
                }
            }

            foreach (var constraint in table.Constraints)
            {
                if (constraint.Kind == ConstraintKind.PrimaryKey && !catalog.HasConstraint(table.Schema, table.Name, constraint.Name))
                {
                    statements.Add(constraint.AddSql);
                }
            }
        }

        foreach (var kind in AddedAfterTables)
        {
            foreach (var table in model.Tables)
            {
                foreach (var constraint in table.Constraints)
                {
                    if (constraint.Kind == kind && (created.Contains(table) || !catalog.HasConstraint(table.Schema, table.Name, constraint.Name)))
                    {
                        statements.Add(constraint.AddSql);
                    }
                }
            }
        }

        foreach (var table in model.Tables)
        {
            foreach (var index in table.Indexes)
            {
                if (created.Contains(table) || !catalog.HasIndex(table.Schema, index.Name))
                {
                    statements.Add(index.CreateSql);
                }
            }
        }

        statements.AddRange(model.Grants);
        return statements;
    }
}
