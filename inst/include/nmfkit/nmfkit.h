// nmfkit: header-only non-negative matrix factorization core.
// Include this header; it pulls in every part (run.h is the entry point).
#ifndef NMFKIT_NMFKIT_H
#define NMFKIT_NMFKIT_H

#include "config.h"
#include "core/rank.h"
#include "core/simd.h"
#include "core/threads.h"
#include "data/dense.h"
#include "data/side.h"
#include "data/sparse.h"
#include "engine/fit.h"
#include "engine/stopping.h"
#include "fast/anls.h"
#include "fast/extrapolation.h"
#include "fast/gauge.h"
#include "fast/gram.h"
#include "fast/hals.h"
#include "fast/kl.h"
#include "fast/masked_kl.h"
#include "fast/masked_ls.h"
#include "fast/steps.h"
#include "fast/updates.h"
#include "mask.h"
#include "model.h"
#include "mu/frobenius.h"
#include "mu/kl.h"
#include "mu/lsnmf.h"
#include "mu/mu.h"
#include "names.h"
#include "nnls/bpp.h"
#include "nnls/columns.h"
#include "nnls/small.h"
#include "run.h"
#include "snmf/snmf.h"
#include "stop.h"

#endif  // NMFKIT_NMFKIT_H
