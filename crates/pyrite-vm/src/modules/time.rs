//! The `time` module: the clocks and `sleep`.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::value::{ObjRef, Value};
use crate::vm::Vm;

/// The origin of `perf_counter` and `monotonic`: the first use in the process.
fn origin() -> Instant {
    static ORIGIN: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// CPU time of the process (user and system) as Linux reports it in
/// `/proc/self/stat`, in clock ticks of 10 ms (std has no CPU clock).
fn process_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // Fields after the command name: utime is the 12th, stime the 13th.
    let total = ticks(11) + ticks(12);
    Duration::from_millis(total * 10)
}

pub fn module(vm: &Vm) -> ObjRef {
    let m = crate::module::new_module("time");
    origin();
    crate::module::add_function(vm, &m, "time", |vm, args| {
        args.exact::<0>(vm, "time")?;
        Ok(Value::Float(since_epoch().as_secs_f64()))
    });
    crate::module::add_function(vm, &m, "time_ns", |vm, args| {
        args.exact::<0>(vm, "time_ns")?;
        Ok(Value::from_bigint(since_epoch().as_nanos().into()))
    });
    for name in ["perf_counter", "monotonic"] {
        crate::module::add_function(vm, &m, name, |vm, args| {
            args.exact::<0>(vm, "perf_counter")?;
            Ok(Value::Float(origin().elapsed().as_secs_f64()))
        });
    }
    for name in ["perf_counter_ns", "monotonic_ns"] {
        crate::module::add_function(vm, &m, name, |vm, args| {
            args.exact::<0>(vm, "perf_counter_ns")?;
            Ok(Value::from_bigint(origin().elapsed().as_nanos().into()))
        });
    }
    crate::module::add_function(vm, &m, "process_time", |vm, args| {
        args.exact::<0>(vm, "process_time")?;
        Ok(Value::Float(process_time().as_secs_f64()))
    });
    crate::module::add_function(vm, &m, "process_time_ns", |vm, args| {
        args.exact::<0>(vm, "process_time_ns")?;
        Ok(Value::from_bigint(process_time().as_nanos().into()))
    });
    crate::module::add_function(vm, &m, "sleep", |vm, args| {
        let [secs] = args.exact::<1>(vm, "sleep")?;
        let secs = match secs {
            Value::Float(f) => *f,
            v if v.is_int() => v.as_i64().map(|i| i as f64).unwrap_or(f64::INFINITY),
            v => match crate::object::float::as_f64(v) {
                Some(f) => f,
                None => {
                    return Err(vm.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        vm.type_name(v)
                    )))
                }
            },
        };
        if secs.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        if secs < 0.0 {
            return Err(vm.value_error("sleep length must be non-negative"));
        }
        if !secs.is_finite() || secs > 9.2e9 {
            return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
        }
        vm.flush_stdout();
        crate::interrupt::sleep(vm, Duration::from_secs_f64(secs))?;
        Ok(Value::None)
    });
    m
}
