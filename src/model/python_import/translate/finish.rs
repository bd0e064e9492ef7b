//! Finishing the program: coroutines nobody runs, blocks in module order,
//! and the program's settings.

use std::collections::HashMap;

use super::super::ast::Stmt;
use super::{Bound, Group, Reader};
use crate::model::limits::MAX_COPIES;
use crate::model::parse_error::{error_at, Pos, Result};
use crate::model::program::{Block, BlockKind, Program, RunMode};

impl Reader {
    /// Async defs nothing runs are coroutines of the program too, so a
    /// program exported and read back keeps them: a parameter called
    /// `NAME_result` carries NAME's result (as the export names them), any
    /// other the copy number.
    pub(super) fn unused_coroutines(&mut self, tasks: &[Group]) -> Result<()> {
        let mut unused: Vec<(Pos, String)> = self
            .defs
            .iter()
            .filter_map(|(name, def)| match def {
                Stmt::Def { pos, .. } => Some((*pos, name.clone())),
                _ => None,
            })
            .filter(|(_, name)| {
                Some(name) != self.main.as_ref()
                    && !self.limiters.contains_key(name)
                    && !self.made_with.contains_key(name)
                    && !tasks.iter().any(|g| &g.callee == name)
            })
            .collect();
        unused.sort();
        for (_, name) in unused {
            let Some(Stmt::Def { params, body, .. }) = self.defs.get(&name).cloned() else {
                continue;
            };
            if self.made_with.contains_key(&name) {
                // Made meanwhile: an unused coroutine before it runs it.
                continue;
            }
            let bound: HashMap<String, Bound> = params
                .iter()
                .map(|param| {
                    let meaning = match param.strip_suffix("_result") {
                        Some(callee) => Bound::Result(callee.to_string()),
                        None => Bound::Copy { first: 0 },
                    };
                    (param.clone(), meaning)
                })
                .collect();
            self.check_def_name(&name)?;
            self.made_with.insert(name.clone(), Vec::new());
            let steps = self.steps(&body, &bound)?;
            self.blocks.push(Block {
                name,
                kind: BlockKind::Coroutine,
                steps,
            });
        }
        Ok(())
    }

    /// Puts the blocks in the order of their defs in the module, as a
    /// learner reads them, unless that would change the order the tasks are
    /// made in (which is the order of the task blocks).
    pub(super) fn in_module_order(&self, blocks: &mut [Block]) {
        let def_at = |block: &Block| {
            let name = block.name.as_str();
            let def = self
                .defs
                .get(name)
                .or_else(|| self.defs.get(name.trim_end_matches('_')));
            match def {
                Some(Stmt::Def { pos, .. }) => *pos,
                _ => (usize::MAX, 0),
            }
        };
        let tasks: Vec<Pos> = blocks.iter().filter(|b| b.is_task()).map(def_at).collect();
        if tasks.windows(2).all(|pair| pair[0] < pair[1]) {
            blocks.sort_by_key(def_at);
        }
    }

    /// The program: a task block per group, the coroutines they run.
    pub(super) fn finish(&mut self) -> Result<Program> {
        let tasks = std::mem::take(&mut self.tasks);
        let mut blocks: Vec<Block> = Vec::new();
        for group in &tasks {
            if blocks.iter().any(|b| b.name == group.callee) {
                return Err(error_at(
                    group.pos,
                    format!(
                        "{} runs as a task twice: make one list with a loop over range(N)",
                        group.callee
                    ),
                ));
            }
            let Some(Stmt::Def { params, body, .. }) = self.defs.get(&group.callee).cloned() else {
                return Err(error_at(
                    group.pos,
                    format!("{} is not an async def of this module", group.callee),
                ));
            };
            self.check_def_name(&group.callee)?;
            if group.copies > MAX_COPIES {
                return Err(error_at(
                    group.pos,
                    format!("at most {MAX_COPIES} copies of a task"),
                ));
            }
            let bound = params
                .iter()
                .map(|p| (p.clone(), Bound::Copy { first: group.first }))
                .collect();
            let steps = self.steps(&body, &bound)?;
            blocks.push(Block {
                name: group.callee.clone(),
                kind: BlockKind::Task {
                    copies: group.copies,
                },
                steps,
            });
        }
        self.unused_coroutines(&tasks)?;
        for block in std::mem::take(&mut self.blocks) {
            if let Some(task) = tasks.iter().find(|g| g.callee == block.name) {
                return Err(error_at(task.pos, format!("{} runs as a task and is also awaited as a coroutine; the playground needs two async defs for that", block.name)));
            }
            blocks.push(block);
        }
        self.in_module_order(&mut blocks);
        let mode = match (self.mode.unwrap_or(RunMode::Gather), self.limit) {
            (mode, None) => mode,
            (RunMode::Gather, Some(count)) => RunMode::Limit(count),
            (_, Some(_)) => {
                let at = tasks.first().map_or((1, 1), |t| t.pos);
                return Err(error_at(
                    at,
                    "a semaphore here limits tasks that main gathers",
                ));
            }
        };
        Ok(Program {
            title: None,
            mode,
            latency_ms: self.fetch_latency.unwrap_or(0),
            workers: self.workers,
            blocks,
        })
    }
}
