import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Dialog } from '@nutui/nutui-react-taro';
import { Field } from '../../../components/Field';
import { dayKey, fmtTime } from '../../../domain/appointment';

export interface HoursTarget {
  id: string;
  name: string;
  startAt: string | Date;
  endAt: string | Date;
  signedInAt: string | Date | null;
}

const stamp = (d: string | Date) => `${dayKey(d)} ${fmtTime(d)}`;

/** The organiser fixes one volunteer's sign-in and sign-out times (credit stays capped at the activity). */
export function HoursDialog(p: { target: HoursTarget | null; onClose: () => void; onSave: (id: string, inAt: string, outAt: string) => void }) {
  const [inAt, setIn] = useState('');
  const [outAt, setOut] = useState('');
  useEffect(() => {
    if (p.target) {
      setIn(stamp(p.target.signedInAt ?? p.target.startAt));
      setOut(stamp(p.target.endAt));
    }
  }, [p.target]);
  return (
    <Dialog
      visible={!!p.target}
      title={`修改时长 · ${p.target?.name ?? ''}`}
      content={
        <View>
          <Text className="rp-muted">时长按实际在场时间计算，超出活动时间的部分不计。</Text>
          <Field label="签到时间" value={inAt} onChange={setIn} maxLength={16} hint="格式 2026-12-01 14:00" />
          <Field label="签退时间" value={outAt} onChange={setOut} maxLength={16} />
        </View>
      }
      confirmText="保存"
      cancelText="取消"
      onConfirm={() => {
        if (p.target) p.onSave(p.target.id, inAt.trim(), outAt.trim());
      }}
      onCancel={p.onClose}
      onClose={p.onClose}
    />
  );
}
