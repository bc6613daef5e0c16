using System;
using System.Linq;
using System.Reflection;
using Schemata;

// `Schema.ApplyHost <model assembly> schema apply …`: loads the generated Schema.Model of an assembly a test compiled
// and runs the schema commands for it, as a service would, through DATABASE_URL.
if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: Schema.ApplyHost <model assembly> schema <command> [options]");
    return 2;
}

var schema = Assembly.LoadFrom(args[0]).GetType("Schema") ?? throw new InvalidOperationException("The assembly has no generated Schema class.");
var model = (SchemaModel)schema.GetProperty("Model")!.GetValue(null)!;
return await SchemaCommands.RunAsync(args.Skip(1).ToArray(), model);
