using System.Reflection;

namespace Sweeps.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A trainable component: parameters and child modules registered by name, a
        /// train/eval switch, device moves and state dictionaries — PyTorch's nn.Module, in C#.</summary>
        public abstract class Module : IDisposable
        {
            private readonly List<(string Name, Parameter Parameter)> _parameters = [];
            private readonly List<(string Name, Module Module)> _modules = [];

            protected Module(string name) => Name = name;

            public string Name { get; }

            public bool training { get; private set; } = true;

            public void register_parameter(string name, Parameter parameter) => _parameters.Add((name, parameter));

            public void register_module(string name, Module module) => _modules.Add((name, module));

            /// <summary>Registers every field of a derived type that holds a Parameter or a Module,
            /// named by the field (or auto-property) without a leading underscore, in declaration order
            /// (TorchSharp's RegisterComponents).</summary>
            protected void RegisterComponents()
            {
                for (var type = GetType(); type != null && type != typeof(Module); type = type.BaseType)
                {
                    foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                    {
                        var name = ComponentName(field.Name);
                        switch (field.GetValue(this))
                        {
                            case Parameter p when !_parameters.Exists(e => ReferenceEquals(e.Parameter, p)):
                                register_parameter(name, p);
                                break;
                            case Module m when !_modules.Exists(e => ReferenceEquals(e.Module, m)):
                                register_module(name, m);
                                break;
                        }
                    }
                }
            }

            // Auto-property backing fields are named "<weight>k__BackingField".
            private static string ComponentName(string fieldName) =>
                fieldName.StartsWith('<') ? fieldName[1..fieldName.IndexOf('>')] : fieldName.TrimStart('_');

            public IEnumerable<(string name, Parameter parameter)> named_parameters()
            {
                foreach (var (name, p) in _parameters) yield return (name, p);
                foreach (var (prefix, m) in _modules)
                    foreach (var (name, p) in m.named_parameters()) yield return ($"{prefix}.{name}", p);
            }

            public IEnumerable<Parameter> parameters() => named_parameters().Select(e => e.parameter);

            public IEnumerable<(string name, Module module)> named_children() => _modules.Select(e => (e.Name, e.Module));

            public long parameter_count() => parameters().Sum(p => p.numel());

            public Module train(bool on = true)
            {
                training = on;
                foreach (var (_, m) in _modules) m.train(on);
                return this;
            }

            public Module eval() => train(false);

            public Module to(Device device)
            {
                foreach (var p in parameters()) p.MoveTo(device);
                return this;
            }

            /// <summary>The parameters themselves, by dotted name (no copies).</summary>
            public Dictionary<string, Tensor> state_dict() => named_parameters().ToDictionary(e => e.name, e => (Tensor)e.parameter);

            /// <summary>Copies values into the parameters; every name and shape must match.</summary>
            public void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
            {
                var own = named_parameters().ToList();
                var missing = own.Where(e => !state.ContainsKey(e.name)).Select(e => e.name).ToList();
                var unexpected = state.Keys.Except(own.Select(e => e.name)).ToList();
                if (missing.Count > 0 || unexpected.Count > 0)
                    throw new TorchException($"state does not match {Name}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
                using var _ = no_grad();
                foreach (var (name, p) in own)
                {
                    var source = state[name];
                    if (!source.shape.SequenceEqual(p.shape))
                        throw new TorchException($"{name}: saved shape [{string.Join(", ", source.shape)}] vs parameter [{string.Join(", ", p.shape)}]");
                    p.copy_(source);
                }
            }

            public void save(string path) => StateFile.Save(path, state_dict());

            public void load(string path)
            {
                var state = StateFile.Load(path);
                try { load_state_dict(state); }
                finally { foreach (var t in state.Values) t.Dispose(); }
            }

            public void Dispose()
            {
                foreach (var (_, p) in _parameters) p.Dispose();
                foreach (var (_, m) in _modules) m.Dispose();
                DisposeCaches();
                GC.SuppressFinalize(this);
            }

            /// <summary>Frees tensors a module keeps besides its parameters (constant masks and the like).</summary>
            protected virtual void DisposeCaches() { }
        }

        public abstract class Module<T, TResult>(string name) : Module(name)
        {
            public abstract TResult forward(T input);
            public TResult call(T input) => forward(input);
        }

        public abstract class Module<T1, T2, TResult>(string name) : Module(name)
        {
            public abstract TResult forward(T1 input1, T2 input2);
            public TResult call(T1 input1, T2 input2) => forward(input1, input2);
        }
    }
}
